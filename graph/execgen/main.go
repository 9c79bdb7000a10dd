// Command execgen runs gqlgen (through its Go API, with gqlgen.yml) and then
// makes its executor leaner where that loses nothing (`make generate` runs it
// in place of `go tool gqlgen generate`):
//
//   - A field that gqlgen would resolve on a goroutine of its own is resolved
//     in place when its Go code reads nothing, or reads only through the
//     operation's loaders (graph/loaders.go) or edges ent has already loaded
//     (entgql's gql_edge.go): a goroutine would only cost, as nothing waits
//     on a database. Panics are still recovered into a field error, and a
//     deferred field (@defer) still goes through gqlgen's deferred groups.
//   - A list whose elements resolve entirely in place (their fields, and the
//     fields of what they contain, all do) is marshalled in order, without a
//     goroutine per element; each element keeps its field context (index,
//     result) and its panic recovery.
//   - An object's deferred group (which computes the field's path) is only
//     built when one of its fields is deferred.
//   - Any other list of objects is marshalled in order too when the document
//     selects, below it, none of the fields that may wait on the database
//     (blocking.go); else on gqlgen's goroutines.
//   - A field that is a struct field of a scalar or enum type, read as it is,
//     is marshalled directly, without gqlgen's per-field machinery
//     (plain.go).
//
// The rules are read from the code (go/types), not from a list of types: a
// new type gets them when its resolvers qualify. execgen fails loudly when
// gqlgen's output no longer has the shape it rewrites.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/plugin/modelgen"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "execgen:", err)
		os.Exit(1)
	}
}

func run() error {
	again := flag.String("again", "", "skip gqlgen: rewrite this copy of its unchanged output (to work on execgen)")
	flag.Parse()
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return fmt.Errorf("loading gqlgen.yml: %w", err)
	}
	capture := &capturePlugin{}
	if *again == "" {
		if err := api.Generate(cfg, api.AddPlugin(capture)); err != nil {
			return fmt.Errorf("gqlgen: %w", err)
		}
	} else if capture.data, err = gqlgenData(cfg); err != nil {
		return err
	}
	if capture.data == nil {
		return fmt.Errorf("gqlgen generated without handing its data to plugins: its API changed")
	}
	code, err := analyse(cfg.Resolver.ImportPath())
	if err != nil {
		return err
	}
	p := plan(capture.data, code)
	pristine := cfg.Exec.Filename
	if *again != "" {
		pristine = *again
	}
	src, err := os.ReadFile(pristine)
	if err != nil {
		return err
	}
	out, stats, err := rewrite(src, p)
	if err != nil {
		return fmt.Errorf("%s: %w (gqlgen's output changed shape: update graph/execgen)", cfg.Exec.Filename, err)
	}
	if err := os.WriteFile(cfg.Exec.Filename, out, 0o644); err != nil {
		return err
	}
	if err := writeBlocking(filepath.Join(filepath.Dir(cfg.Exec.Filename), "blocking.go"), cfg.Exec.Package, p.blocking); err != nil {
		return err
	}
	fmt.Printf("execgen: %d of %d objects resolve in place (%d fields), %d lists marshalled in order, %d deferred groups made lazy, %d plain fields marshalled directly, %d lists in order unless a blocking field is selected\n",
		len(p.inPlace), p.objects, stats.fields, stats.lists, stats.deferred, stats.plain, stats.bySelection)
	return nil
}

// gqlgenData is gqlgen's data as api.Generate builds it, without generating.
func gqlgenData(cfg *config.Config) (*codegen.Data, error) {
	if err := cfg.LoadSchema(); err != nil {
		return nil, err
	}
	codegen.ClearInlineArgsMetadata()
	if err := codegen.ExpandInlineArguments(cfg.Schema); err != nil {
		return nil, err
	}
	if err := cfg.Init(); err != nil {
		return nil, err
	}
	if err := modelgen.New().(*modelgen.Plugin).MutateConfig(cfg); err != nil {
		return nil, err
	}
	return codegen.BuildData(cfg)
}

// capturePlugin keeps gqlgen's data about the schema and its Go bindings.
type capturePlugin struct{ data *codegen.Data }

func (*capturePlugin) Name() string { return "execgen" }

func (p *capturePlugin) GenerateCode(data *codegen.Data) error {
	p.data = data
	return nil
}

// leanPlan is what to rewrite.
type leanPlan struct {
	objects int
	// names: the objects' names (the marshallers of other types, such as
	// interfaces, are not rewritten).
	names map[string]bool
	// inPlace: the objects whose every context-taking field resolves in
	// place, with those fields (by GraphQL name) and whether each is non-null.
	inPlace map[string]map[string]bool
	// inOrder: the marshal functions of lists whose elements resolve
	// entirely in place.
	inOrder map[string]bool
	// plain: the fields read straight from their struct ("Object.field"),
	// marshalled without ResolveField (plain.go).
	plain map[string]bool
	// blocking: per object, the fields that may wait on the database, which
	// gqlgen resolves on goroutines of their own (blocking.go).
	blocking map[string][]string
	// elements: the marshal functions of the other lists of objects, with
	// their elements' GraphQL type: marshalled in order when the document
	// selects no blocking field below them (blocking.go).
	elements map[string]string
}

// plan applies the rules to gqlgen's data and the code's analysis.
func plan(data *codegen.Data, code *analysis) *leanPlan {
	p := &leanPlan{names: map[string]bool{}, inPlace: map[string]map[string]bool{}, inOrder: map[string]bool{}, plain: plainFields(data),
		blocking: map[string][]string{}, elements: map[string]string{}}
	objects := map[string]*codegen.Object{}
	for _, o := range data.Objects {
		if o.Root || o.Stream {
			continue
		}
		p.objects++
		p.names[o.Name] = true
		objects[o.Name] = o
		fields, ok := map[string]bool{}, true
		for _, f := range o.Fields {
			if !f.IsConcurrent() {
				continue
			}
			if !code.readsInPlace(o, f) {
				ok = false
				p.blocking[o.Name] = append(p.blocking[o.Name], f.Name)
				continue
			}
			fields[f.Name] = f.TypeReference.GQL.NonNull
		}
		if ok {
			p.inPlace[o.Name] = fields
		}
	}
	// lean: a type resolves entirely in place (greatest fixpoint: assumed
	// until a field says otherwise, so that cycles stay lean).
	lean := map[string]bool{}
	var isLean func(def *ast.Definition) bool
	isLean = func(def *ast.Definition) bool {
		switch def.Kind {
		case ast.Scalar, ast.Enum:
			return true
		case ast.Interface, ast.Union:
			for _, impl := range data.Schema.GetPossibleTypes(def) {
				if !isLean(impl) {
					return false
				}
			}
			return true
		case ast.Object:
			if v, seen := lean[def.Name]; seen {
				return v
			}
			o := objects[def.Name]
			if o == nil || p.inPlace[def.Name] == nil {
				lean[def.Name] = false
				return false
			}
			lean[def.Name] = true
			for _, f := range o.Fields {
				if t := data.Schema.Types[f.Type.Name()]; t != nil && !isLean(t) {
					lean[def.Name] = false
					return false
				}
			}
			return true
		}
		return false
	}
	for _, ref := range data.ReferencedTypes {
		if !ref.IsSlice() || ref.Definition == nil {
			continue
		}
		switch {
		case isLean(ref.Definition):
			p.inOrder[ref.MarshalFunc()] = true
		case ref.Definition.Kind == ast.Object || ref.Definition.Kind == ast.Interface || ref.Definition.Kind == ast.Union:
			p.elements[ref.MarshalFunc()] = ref.Definition.Name
		}
	}
	return p
}

// rewriteStats counts what was rewritten.
type rewriteStats struct{ fields, lists, deferred, plain, bySelection int }

var (
	// objectFunc is the start of an object's marshaller.
	objectFunc = regexp.MustCompile(`(?m)^func \(ec \*executionContext\) _(\w+)\(ctx context\.Context, sel ast\.SelectionSet, obj [^)]*\) graphql\.Marshaler \{$`)
	// concurrent is gqlgen's scheduling of a field on a goroutine.
	concurrent = regexp.MustCompile(`(?m)^(\t+)case "(\w+)":\n` +
		`\t+out\.ResolveConcurrently\(ec\.OperationContext, &deferred, i,\n` +
		`\t+(true|false), (true|false),\n` +
		`\t+func\(ctx context\.Context\) graphql\.Marshaler \{\n` +
		`\t+(return ec\._\w+\(ctx, field, obj\))\n` +
		`\t+\}\)\n`)
	newDeferred = "\tdeferred := graphql.NewDeferredGroup(ctx)\n"
	lazy        = "\tdeferred := deferredGroup(ctx, fields)\n"
	// sliceCall is gqlgen's marshalling of a list, a goroutine per element.
	sliceCall = regexp.MustCompile(`graphql\.MarshalSliceConcurrently\(ctx, len\(v\), 0, (true|false), func\(`)
	anyFunc   = regexp.MustCompile(`(?m)^func `)
)

// rewrite applies p to gqlgen's executor.
func rewrite(src []byte, p *leanPlan) ([]byte, rewriteStats, error) {
	var stats rewriteStats
	text := string(src)
	// Split the file into top-level functions (and what precedes the first).
	starts := anyFunc.FindAllStringIndex(text, -1)
	if len(starts) == 0 {
		return nil, stats, fmt.Errorf("no function found")
	}
	var b strings.Builder
	b.WriteString(text[:starts[0][0]])
	seenObjects := map[string]bool{}
	seenLists := map[string]bool{}
	for k, s := range starts {
		end := len(text)
		if k+1 < len(starts) {
			end = starts[k+1][0]
		}
		fn := text[s[0]:end]
		fn, plain, err := plainField(fn, p.plain)
		if err != nil {
			return nil, stats, err
		}
		if plain {
			stats.plain++
		}
		if m := objectFunc.FindStringSubmatch(fn); m != nil && strings.Index(fn, "\n") == len(m[0]) && p.names[m[1]] {
			name := m[1]
			if !strings.Contains(fn, newDeferred) {
				return nil, stats, fmt.Errorf("_%s builds no deferred group as expected", name)
			}
			fn = strings.Replace(fn, newDeferred, lazy, 1)
			stats.deferred++
			if fields, ok := p.inPlace[name]; ok {
				seenObjects[name] = true
				var err error
				fn, err = inPlace(fn, name, fields, &stats)
				if err != nil {
					return nil, stats, err
				}
			}
		}
		if typ, ok := p.elements[funcName(fn)]; ok {
			if n := len(sliceCall.FindAllStringIndex(fn, -1)); n != 1 || !strings.Contains(fn, "sel ast.SelectionSet") {
				return nil, stats, fmt.Errorf("%s marshals its list in an unexpected way", funcName(fn))
			}
			fn = sliceCall.ReplaceAllString(fn, fmt.Sprintf("marshalSlice(ctx, ec.Schema(), %q, sel, len(v), $1, func(", typ))
			stats.bySelection++
		}
		if name := funcName(fn); p.inOrder[name] {
			seenLists[name] = true
			switch n := len(sliceCall.FindAllStringIndex(fn, -1)); {
			case n == 1:
				fn = sliceCall.ReplaceAllString(fn, "marshalSliceInOrder(ctx, len(v), $1, func(")
				stats.lists++
			case n > 1 || strings.Contains(fn, "MarshalSliceConcurrently"):
				return nil, stats, fmt.Errorf("%s marshals its list in an unexpected way", name)
			}
		}
		b.WriteString(fn)
	}
	for name, fields := range p.inPlace {
		if len(fields) > 0 && !seenObjects[name] {
			return nil, stats, fmt.Errorf("no marshaller _%s found", name)
		}
	}
	if stats.deferred == 0 || stats.fields == 0 || stats.lists == 0 || stats.plain == 0 {
		return nil, stats, fmt.Errorf("nothing rewritten (%d deferred groups, %d fields, %d lists, %d plain fields)", stats.deferred, stats.fields, stats.lists, stats.plain)
	}
	return []byte(b.String()), stats, nil
}

// inPlace rewrites the concurrent fields of one object's marshaller.
func inPlace(fn, object string, fields map[string]bool, stats *rewriteStats) (string, error) {
	done := map[string]bool{}
	var failure error
	fn = concurrent.ReplaceAllStringFunc(fn, func(block string) string {
		m := concurrent.FindStringSubmatch(block)
		indent, field, recoverPanics, nonNull, call := m[1], m[2], m[3], m[4], m[5]
		want, ok := fields[field]
		if !ok {
			failure = fmt.Errorf("%s.%s is resolved concurrently but was not found to qualify", object, field)
			return block
		}
		if (nonNull == "true") != want {
			failure = fmt.Errorf("%s.%s: nullability differs between gqlgen's data and its output", object, field)
			return block
		}
		done[field] = true
		invalid := "graphql.RequiredNull"
		if want {
			invalid = "graphql.Null"
		}
		body := strings.TrimPrefix(block, indent+`case "`+field+"\":\n")
		var w bytes.Buffer
		fmt.Fprintf(&w, "%scase %q:\n", indent, field)
		fmt.Fprintf(&w, "%s\tif field.IsDeferred() {\n", indent)
		for _, line := range strings.SplitAfter(body, "\n") {
			if line != "" {
				w.WriteString("\t" + line)
			}
		}
		fmt.Fprintf(&w, "%s\t} else {\n", indent)
		fmt.Fprintf(&w, "%s\t\tout.Values[i] = resolveInPlace(ctx, ec.OperationContext, %s, func(ctx context.Context) graphql.Marshaler {\n", indent, recoverPanics)
		fmt.Fprintf(&w, "%s\t\t\t%s\n", indent, call)
		fmt.Fprintf(&w, "%s\t\t})\n", indent)
		fmt.Fprintf(&w, "%s\t\tif out.Values[i] == %s {\n", indent, invalid)
		fmt.Fprintf(&w, "%s\t\t\tatomic.AddUint32(&out.Invalids, 1)\n", indent)
		fmt.Fprintf(&w, "%s\t\t}\n", indent)
		fmt.Fprintf(&w, "%s\t}\n", indent)
		stats.fields++
		return w.String()
	})
	if failure != nil {
		return "", failure
	}
	var missing []string
	for f := range fields {
		if !done[f] {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return "", fmt.Errorf("_%s: the concurrent fields %s were not found in the shape execgen rewrites", object, strings.Join(missing, ", "))
	}
	return fn, nil
}

// funcName is the name of the method or function fn declares.
func funcName(fn string) string {
	line := fn[:strings.IndexByte(fn+"\n", '\n')]
	line = strings.TrimPrefix(line, "func ")
	if strings.HasPrefix(line, "(") {
		line = line[strings.Index(line, ")")+1:]
	}
	line = strings.TrimSpace(line)
	if i := strings.IndexAny(line, "([ "); i >= 0 {
		line = line[:i]
	}
	return line
}
