package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/privacy"
)

// presentError gives every error a code in extensions.code and a message for a
// person; a refusal with a reason (palabre.Refuse) also sends it in
// extensions.reason, with its params in extensions.params. Ent, SQL and driver messages never reach the caller: an error that is
// not recognised is logged and shown as INTERNAL.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		presented := graphql.DefaultErrorPresenter(ctx, err)
		if _, ok := presented.Extensions["code"]; ok && presented.Err == nil {
			return presented // gqlgen's own parse and validation errors
		}
		code, message := classify(ctx, err)
		switch code {
		case palabre.EINTERNAL:
			logger.ErrorContext(ctx, "internal error", "path", presented.Path.String(), "err", err)
		case palabre.EUNAVAILABLE:
			logger.WarnContext(ctx, "database unavailable", "path", presented.Path.String(), "err", err)
		}
		presented.Message = message
		presented.Extensions = map[string]any{"code": code}
		if reason, params := palabre.ErrorReason(err); reason != "" {
			presented.Extensions["reason"] = string(reason)
			presented.Extensions["params"] = params
		}
		presented.Err = nil
		return presented
	}
}

func classify(ctx context.Context, err error) (code, message string) {
	var (
		domain     *palabre.Error
		validation *ent.ValidationError
		notFound   *ent.NotFoundError
	)
	switch {
	case errors.As(err, &domain):
		if arg := argumentPath(ctx, err); arg != "" {
			return domain.Code, arg + ": " + domain.Message
		}
		return domain.Code, domain.Message
	case errors.Is(err, privacy.Deny):
		if auth.FromContext(ctx) == nil {
			return palabre.EUNAUTHENTICATED, "authentication required"
		}
		return palabre.EFORBIDDEN, "you may not do this"
	case errors.As(err, &validation):
		return palabre.EINVALID, fmt.Sprintf("invalid %s: %v", lowerCamel(validation.Name), innermost(validation))
	case errors.As(err, &notFound):
		return palabre.ENOTFOUND, "not found"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(ctx.Err(), context.DeadlineExceeded):
		return palabre.ETIMEOUT, "the request ran out of time and was stopped: ask for less, or retry later"
	case errors.Is(err, context.Canceled), errors.Is(ctx.Err(), context.Canceled):
		return palabre.ETIMEOUT, "the request was cancelled before it finished" // the client has gone: no one reads this
	case introspecting(ctx):
		return palabre.EFORBIDDEN, "introspection is off on this server; the schema is published in the frontend contract"
	case argumentsUnreadable(ctx):
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) {
			return palabre.EINVALID, unreadableArgument(ctx, gqlErr)
		}
		return palabre.EINVALID, "invalid argument"
	case ent.IsConstraintError(err) || database.ViolationOf(err) != database.NoViolation:
		return constraintError(ctx, err)
	}
	return palabre.EINTERNAL, "internal error"
}

// argumentPath names the argument or input field whose value was refused while
// gqlgen decoded it (« dueDate », « adoption.actDate », « ids[1] »): the
// error's path goes on past the field's own. The argument « input » that every
// mutation takes is left out of the name.
func argumentPath(ctx context.Context, err error) string {
	var gqlErr *gqlerror.Error
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !errors.As(err, &gqlErr) {
		return ""
	}
	own := fc.Path()
	if len(gqlErr.Path) <= len(own) {
		return ""
	}
	var b strings.Builder
	for i, el := range gqlErr.Path[len(own):] {
		switch el := el.(type) {
		case ast.PathName:
			if i == 0 && el == "input" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(el))
		case ast.PathIndex:
			fmt.Fprintf(&b, "[%d]", int(el))
		}
	}
	return b.String()
}

// constraintError presents a change the store refused for an integrity
// constraint. A foreign key is not a unique value: a deletion refused for it
// is a conflict (something still refers to the object), any other change
// refers to an object that does not exist (checkIDs catches those by name
// first; this is for races with a deletion).
func constraintError(ctx context.Context, err error) (code, message string) {
	switch database.ViolationOf(err) {
	case database.UniqueViolation:
		return palabre.ECONFLICT, "the change conflicts with existing data: a value that must be unique is already taken"
	case database.ForeignKeyViolation:
		if fc := graphql.GetFieldContext(ctx); fc != nil && strings.HasPrefix(fc.Field.Name, "delete") {
			return palabre.ECONFLICT, "the object is still referred to by other data: remove those references first"
		}
		return palabre.ENOTFOUND, "the change refers to an object that does not exist (any more)"
	}
	return palabre.ECONFLICT, "the change conflicts with existing data"
}

// recoverPanic turns a panic in a resolver into an INTERNAL error, with the
// details in the log.
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "panic", p)
		return errors.New("panic")
	}
}

// innermost returns the error at the end of err's chain: the validator's own
// message, without ent's wrapping.
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// lowerCamel turns an ent field name (estimated_budget) into its GraphQL name
// (estimatedBudget).
func lowerCamel(name string) string {
	parts := strings.Split(name, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// argumentsUnreadable reports whether the error arose while gqlgen decoded the
// field's arguments (a malformed date or cursor, say): the field then has
// arguments but none were decoded. Decoders' messages describe the input only.
func argumentsUnreadable(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Args == nil && len(fc.Field.Arguments) > 0
}

// introspecting reports whether the error arose in an introspection field,
// which production servers refuse.
func introspecting(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && strings.HasPrefix(fc.Field.Name, "__")
}
