package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"github.com/99designs/gqlgen/codegen"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// readsNothing are the packages whose functions taking a context only read
// values carried by it (the request's clock, viewer, field context).
var readsNothing = map[string]bool{
	"context":                             true,
	"github.com/99designs/gqlgen/graphql": true,
	"github.com/palabre/palabre/clock":    true,
	"github.com/palabre/palabre/auth":     true,
}

// loaderFile is the file of the resolvers' package whose functions read a
// whole page at once (a field calling them waits on no sibling).
const loaderFile = "loaders.go"

// edgeFile is entgql's file of edge accessors: they return the edges the
// query loaded with its page (CollectFields), reading only when not loaded.
const edgeFile = "gql_edge.go"

// analysis answers, from the resolvers' package's syntax and types, which
// fields read nothing or read only through loaders and loaded edges.
type analysis struct {
	pkg   *packages.Package
	decls map[*types.Func]*ast.FuncDecl
	memo  map[*types.Func]int // 0 unknown, 1 in progress or no, 2 yes
}

// analyse loads the resolvers' package (as generated: it must compile).
func analyse(path string) (*analysis, error) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
		packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports | packages.NeedDeps}, path)
	if err != nil {
		return nil, err
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("loading %s: %d packages", path, len(pkgs))
	}
	p := pkgs[0]
	if len(p.Errors) > 0 {
		return nil, fmt.Errorf("the resolvers' package does not compile after gqlgen: %v", p.Errors[0])
	}
	a := &analysis{pkg: p, decls: map[*types.Func]*ast.FuncDecl{}, memo: map[*types.Func]int{}}
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					a.decls[fn] = fd
				}
			}
		}
	}
	return a, nil
}

// readsInPlace: field f of object o (resolved concurrently by gqlgen) reads
// nothing, or only through loaders and loaded edges.
func (a *analysis) readsInPlace(o *codegen.Object, f *codegen.Field) bool {
	var fn *types.Func
	switch {
	case f.IsResolver:
		if o.ResolverInterface == nil {
			return false
		}
		// The resolver's implementation: <object>Resolver in the package.
		impl := a.pkg.Types.Scope().Lookup(strings.ToLower(o.Name[:1]) + o.Name[1:] + "Resolver")
		if impl == nil {
			return false
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(impl.Type()), true, a.pkg.Types, f.GoFieldName)
		fn, _ = obj.(*types.Func)
	case f.IsMethod() && f.MethodHasContext:
		t := o.Type
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		named, ok := t.(*types.Named)
		if !ok || named.Obj().Pkg() == nil {
			return false
		}
		// gqlgen's types and ours are loaded separately: find the method by
		// name in ours.
		pkg := a.imported(named.Obj().Pkg().Path())
		if pkg == nil {
			return false
		}
		tn := pkg.Types.Scope().Lookup(named.Obj().Name())
		if tn == nil {
			return false
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg.Types, f.GoFieldName)
		fn, _ = obj.(*types.Func)
	}
	return fn != nil && a.funcInPlace(fn)
}

// imported returns the package of path among the resolvers' package and
// its dependencies.
func (a *analysis) imported(path string) *packages.Package {
	var found *packages.Package
	seen := map[string]bool{}
	var walk func(p *packages.Package)
	walk = func(p *packages.Package) {
		if found != nil || seen[p.PkgPath] {
			return
		}
		seen[p.PkgPath] = true
		if p.PkgPath == path {
			found = p
			return
		}
		for _, dep := range p.Imports {
			walk(dep)
		}
	}
	walk(a.pkg)
	return found
}

// funcInPlace: fn reads nothing, or only through loaders and loaded edges.
func (a *analysis) funcInPlace(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	if readsNothing[fn.Pkg().Path()] {
		return true
	}
	file := filepath.Base(a.position(fn).Filename)
	if file == edgeFile {
		return true
	}
	if fn.Pkg() != a.pkg.Types {
		return false
	}
	if file == loaderFile {
		return true
	}
	switch a.memo[fn] {
	case 1:
		return false
	case 2:
		return true
	}
	a.memo[fn] = 1
	decl := a.decls[fn]
	if decl == nil {
		return false
	}
	ok := a.bodyInPlace(decl.Body)
	if ok {
		a.memo[fn] = 2
	}
	return ok
}

// bodyInPlace: every call in body that is handed a context calls a function
// that reads in place, and nothing starts a goroutine.
func (a *analysis) bodyInPlace(body *ast.BlockStmt) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			ok = false
		case *ast.CallExpr:
			if !a.handsContext(n) {
				return true
			}
			callee, _ := typeutil.Callee(a.pkg.TypesInfo, n).(*types.Func)
			if callee == nil || !a.funcInPlace(callee) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// handsContext: one of call's arguments (or its receiver) is a context.
func (a *analysis) handsContext(call *ast.CallExpr) bool {
	exprs := call.Args
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		exprs = append([]ast.Expr{sel.X}, exprs...)
	}
	for _, e := range exprs {
		if t := a.pkg.TypesInfo.TypeOf(e); t != nil && isContext(t) {
			return true
		}
	}
	return false
}

func isContext(t types.Type) bool {
	named, ok := t.(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "context" && named.Obj().Name() == "Context"
}

func (a *analysis) position(fn *types.Func) token.Position {
	return a.pkg.Fset.Position(fn.Pos())
}
