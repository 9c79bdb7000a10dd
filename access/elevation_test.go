package access_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
)

// Bypassing privacy is done in one way, which says why: access.AsSystem. No
// other hand-written code calls privacy.DecisionContext (ent's generated code
// under ent/, outside ent/schema and ent/entc, is not ours to change).
func TestOnlyAsSystemElevatesToTheSystem(t *testing.T) {
	root := filepath.Join("..")
	helper := filepath.Join("access", "access.go")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch {
			case rel == "node_modules", strings.HasPrefix(d.Name(), ".") && rel != ".", d.Name() == "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		generated := strings.HasPrefix(rel, "ent"+string(filepath.Separator)) &&
			!strings.HasPrefix(rel, filepath.Join("ent", "schema")) && !strings.HasPrefix(rel, filepath.Join("ent", "entc"))
		if !strings.HasSuffix(rel, ".go") || generated || rel == helper {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(src), "privacy."+"DecisionContext(") {
			t.Errorf("%s bypasses privacy with privacy.DecisionContext: use access.AsSystem(ctx, reason)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTheSystemSaysWhy(t *testing.T) {
	ctx := context.Background()
	if access.ActsAsSystem(ctx) {
		t.Error("a bare context acts as the system")
	}
	if _, ok := access.SystemReason(auth.NewContext(ctx, &auth.Viewer{Role: auth.RoleAdmin})); ok {
		t.Error("an administrator's context acts as the system")
	}
	system := access.AsSystem(ctx, "seeding the demo data")
	if reason, ok := access.SystemReason(system); !ok || reason != "seeding the demo data" || !access.ActsAsSystem(system) {
		t.Errorf("AsSystem: acts as the system %v, reason %q", ok, reason)
	}
}
