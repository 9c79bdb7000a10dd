package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddresses tells the address of the client of a request. Directly
// connected, it is the connection's peer. Behind reverse proxies listed as
// trusted, it is the rightmost address of the Forwarded or X-Forwarded-For
// chain that is not one of them: each proxy appends the address it received
// the request from, so hops to the left of the first untrusted one may be
// forged by the client. Those headers are ignored when the peer is not a
// trusted proxy.
type clientAddresses struct {
	trusted []netip.Prefix
}

// of returns the client address of r.
func (c clientAddresses) of(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !c.trusts(peer.Unmap()) {
		return peer.Unmap() // the zero Addr when unparsable: one shared bucket
	}
	peer = peer.Unmap()
	forwarded, haveForwarded := c.client(peer, forwardedFor(r.Header.Values("Forwarded")))
	xff, haveXFF := c.client(peer, splitList(r.Header.Values("X-Forwarded-For")))
	switch {
	case haveForwarded && haveXFF && forwarded != xff:
		// A proxy writes one of them; the client may have written the
		// other. Which is which is not known: the proxy is all that is.
		return peer
	case haveForwarded:
		return forwarded
	case haveXFF:
		return xff
	}
	return peer
}

// client walks a chain of hops from the right, from the trusted peer, and
// returns the first hop that is not a trusted proxy. A hop that is not an
// address ("unknown", an obfuscated name) stops the walk at the hop before it.
func (c clientAddresses) client(peer netip.Addr, hops []string) (netip.Addr, bool) {
	if len(hops) == 0 {
		return netip.Addr{}, false
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		addr, ok := parseHop(hops[i])
		if !ok {
			break
		}
		client = addr
		if !c.trusts(addr) {
			break
		}
	}
	return client, true
}

func (c clientAddresses) trusts(addr netip.Addr) bool {
	for _, p := range c.trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// parseHop reads one hop: an address, with or without a port, IPv6 in
// brackets when it has one, quoted in a Forwarded header.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.Trim(strings.TrimSpace(s), `"`)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil {
		return a.Unmap(), true
	}
	return netip.Addr{}, false
}

// forwardedFor returns the for= parameter of each element of Forwarded
// headers (RFC 7239), in order; "" for an element without one.
func forwardedFor(values []string) []string {
	var hops []string
	for _, element := range splitList(values) {
		hop := ""
		for _, pair := range strings.Split(element, ";") {
			key, value, _ := strings.Cut(strings.TrimSpace(pair), "=")
			if strings.EqualFold(key, "for") {
				hop = value
			}
		}
		hops = append(hops, hop)
	}
	return hops
}

// splitList splits the comma-separated values of a header, in order. (A
// quoted Forwarded value holds no comma: addresses and ports have none.)
func splitList(values []string) []string {
	var items []string
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			items = append(items, strings.TrimSpace(item))
		}
	}
	return items
}
