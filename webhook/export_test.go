package webhook

// Seal and Unseal are seal and unseal, for tests.
var (
	Seal   = seal
	Unseal = unseal
)
