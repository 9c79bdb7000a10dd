package main

import (
	"encoding/binary"
	"io"
	"net"
	"sync/atomic"
)

// statementCounter is a TCP proxy in front of PostgreSQL that counts the
// statements its clients send: the Query messages of the simple protocol
// and the Execute messages of the extended one (BEGIN and COMMIT included,
// as sent). It reads the client's side of the PostgreSQL wire protocol only
// to count; every byte goes through unchanged. Servers started through it
// give the statements per request; the timed runs bypass it.
type statementCounter struct {
	listener   net.Listener
	target     string
	statements atomic.Int64
}

// newStatementCounter listens on a free port of 127.0.0.1 and forwards to
// target (host:port).
func newStatementCounter(target string) (*statementCounter, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &statementCounter{listener: l, target: target}
	go p.serve()
	return p, nil
}

// addr is where clients connect instead of PostgreSQL.
func (p *statementCounter) addr() string { return p.listener.Addr().String() }

func (p *statementCounter) close() { p.listener.Close() }

func (p *statementCounter) serve() {
	for {
		client, err := p.listener.Accept()
		if err != nil {
			return
		}
		go p.relay(client)
	}
}

func (p *statementCounter) relay(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer server.Close()
	go func() {
		_, _ = io.Copy(client, server)
		client.Close()
	}()
	// The start-up message (and an SSL or GSS request before it) has no type
	// byte: a length, then the rest.
	header := make([]byte, 5)
	for {
		if _, err := io.ReadFull(client, header[:4]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint32(header[:4]))
		rest := make([]byte, max(n-4, 0))
		if _, err := io.ReadFull(client, rest); err != nil {
			return
		}
		if _, err := server.Write(append(header[:4:4], rest...)); err != nil {
			return
		}
		// 80877103 is SSLRequest, 80877104 GSSENCRequest: the real start-up
		// message follows; anything else was it.
		if len(rest) >= 4 {
			if code := binary.BigEndian.Uint32(rest[:4]); code == 80877103 || code == 80877104 {
				continue
			}
		}
		break
	}
	for {
		if _, err := io.ReadFull(client, header); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint32(header[1:]))
		body := make([]byte, max(n-4, 0))
		if _, err := io.ReadFull(client, body); err != nil {
			return
		}
		if header[0] == 'Q' || header[0] == 'E' {
			p.statements.Add(1)
		}
		if _, err := server.Write(append(header[:5:5], body...)); err != nil {
			return
		}
	}
}
