package database

import (
	"database/sql/driver"
	"reflect"
)

// PostgreSQL statements go to the server in one round trip instead of two:
// postgresTarget sets lib/pq's binary_parameters, so a statement with
// arguments is parsed, bound and run in a single exchange (without it lib/pq
// prepares, waits, then binds and executes). In that mode lib/pq sends a
// []byte argument in binary format, which jsonb reads only after a version
// byte: ent's JSON fields (field.Strings) arrive as []byte and would be
// refused (ent passes them as json.RawMessage). The store has no bytea column (TestNoColumnHoldsBytes), so bytes
// go as text, which every column type reads.

// bytesAsText returns args with every byte slice ([]byte, json.RawMessage)
// as a string. A driver.Valuer is left alone: none of ours gives bytes.
func bytesAsText(args any) any {
	return mapArgs(args, func(a any) (any, bool) {
		b, ok := byteSlice(a)
		if !ok {
			return nil, false
		}
		if b == nil {
			return nil, true
		}
		return string(b), true
	})
}

// byteSlice returns a as []byte when it is a slice of bytes of any named type
// that is not a driver.Valuer.
func byteSlice(a any) ([]byte, bool) {
	if b, ok := a.([]byte); ok {
		return b, true
	}
	if _, ok := a.(driver.Valuer); ok || a == nil {
		return nil, false
	}
	v := reflect.ValueOf(a)
	if v.Kind() != reflect.Slice || v.Type().Elem().Kind() != reflect.Uint8 {
		return nil, false
	}
	return v.Bytes(), true
}
