// Package webhook calls other systems' URLs when events happen in Palabre,
// per the Standard Webhooks specification (https://www.standardwebhooks.com):
// administrators register an endpoint and the kinds of events it wants; each
// delivery is a POST of a JSON body with the headers webhook-id (the same for
// every attempt at one delivery, so receivers can drop repeats),
// webhook-timestamp and webhook-signature (HMAC-SHA256 with the endpoint's
// whsec_ secret). Deliveries travel through the notification outbox (package
// outbox), whose first channel this is: retries, backoff, dead letters and
// the delivery history come from there.
//
// The secret is shown once, when the endpoint is registered. It must stay
// usable for signing, so it cannot be hashed: it is sealed at rest with
// AES-256-GCM under the server's key (PALABRE_SECRET_KEY), bound to the
// endpoint's ID. Production refuses to register an endpoint without that
// key; development uses DevelopmentKey, which is public.
package webhook

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/notification"
	"github.com/palabre/palabre/ent/notificationattempt"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/webhookendpoint"
	"github.com/palabre/palabre/events"
	"github.com/palabre/palabre/outbox"
)

// ChannelName names the webhook deliveries in the outbox.
const ChannelName = "WEBHOOK"

// Key seals the endpoints' secrets.
type Key [32]byte

// DevelopmentKey is the key of a development server with no
// PALABRE_SECRET_KEY: it is written here, so it protects nothing.
var DevelopmentKey = Key(sha256.Sum256([]byte("palabre development secret key: public, never for production")))

// ParseKey reads a key of 32 bytes, written in hexadecimal (64 digits) or in
// base64 (`openssl rand -base64 32`).
func ParseKey(s string) (Key, error) {
	var k Key
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(k) {
		b, err = base64.StdEncoding.DecodeString(s)
	}
	if err != nil || len(b) != len(k) {
		return k, errors.New("the secret key must be 32 bytes, in hexadecimal (64 digits) or base64, such as the output of `openssl rand -base64 32`")
	}
	copy(k[:], b)
	return k, nil
}

// Service registers endpoints and delivers to them.
type Service struct {
	// Key seals secrets; nil refuses registrations, unless Development.
	Key *Key
	// Development accepts http URLs, and uses DevelopmentKey without a Key.
	Development bool
	// HTTP sends the deliveries; one that follows no redirect when nil.
	HTTP *http.Client
}

func (s Service) key() (*Key, error) {
	switch {
	case s.Key != nil:
		return s.Key, nil
	case s.Development:
		return &DevelopmentKey, nil
	}
	return nil, palabre.Errorf(palabre.EINVALID, "this server has no secret key to seal webhook secrets with: set PALABRE_SECRET_KEY (32 bytes, such as `openssl rand -base64 32`) and restart it")
}

// Registration is what an administrator gives to register an endpoint.
type Registration struct {
	URL         string
	EventTypes  []events.Kind
	Description string
}

// Register stores a new endpoint, and returns it with its secret, which is
// never shown again.
func (s Service) Register(ctx context.Context, client *ent.Client, r Registration) (*ent.WebhookEndpoint, string, error) {
	id := pulid.MustNew("WE")
	types := make([]string, 0, len(r.EventTypes))
	for _, k := range r.EventTypes {
		if !slices.Contains(types, string(k)) {
			types = append(types, string(k))
		}
	}
	create := client.WebhookEndpoint.Create().SetID(id).SetURL(r.URL).SetDescription(r.Description).SetEventTypes(types)
	// The caller's role first, so that nobody else learns what the server lacks.
	if err := webhookendpoint.Policy.EvalMutation(ctx, create.Mutation()); err != nil {
		return nil, "", err
	}
	if err := s.checkURL(r.URL); err != nil {
		return nil, "", err
	}
	if len(types) == 0 {
		return nil, "", palabre.Errorf(palabre.EINVALID, "eventTypes: choose at least one kind of event to deliver")
	}
	key, err := s.key()
	if err != nil {
		return nil, "", err
	}
	raw := make([]byte, 24)
	rand.Read(raw)
	secret := "whsec_" + base64.StdEncoding.EncodeToString(raw)
	sealed, err := seal(key, id, secret)
	if err != nil {
		return nil, "", err
	}
	e, err := create.SetSealedSecret(sealed).Save(ctx)
	if err != nil {
		return nil, "", err
	}
	return e, secret, nil
}

// Disable stops new deliveries to an endpoint; those already made keep
// their history. Disabling it again changes nothing.
func Disable(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.WebhookEndpoint, error) {
	e, err := client.WebhookEndpoint.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if e.DisabledAt != nil {
		return e, nil
	}
	return e.Update().SetDisabledAt(clock.Now(ctx).UTC()).Save(ctx)
}

// checkURL accepts an absolute https URL (http too in development), with no
// credentials in it.
func (s Service) checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return palabre.Errorf(palabre.EINVALID, "url: give an absolute https URL with no user name or password, such as https://receiver.example.org/palabre")
	}
	if u.Scheme == "http" && !s.Development {
		return palabre.Errorf(palabre.EINVALID, "url: deliveries are signed but not encrypted over http: give an https URL")
	}
	return nil
}

// seal encrypts secret for the endpoint id: nonce and ciphertext, in base64.
func seal(key *Key, id pulid.ID, secret string) (string, error) {
	aead, err := gcm(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(secret), []byte(id))), nil
}

// unseal decrypts what seal sealed for the endpoint id.
func unseal(key *Key, id pulid.ID, sealed string) (string, error) {
	aead, err := gcm(key)
	if err != nil {
		return "", err
	}
	b, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil || len(b) < aead.NonceSize() {
		return "", errors.New("webhook: a sealed secret is damaged")
	}
	plain, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], []byte(id))
	if err != nil {
		return "", errors.New("webhook: a secret cannot be unsealed: was PALABRE_SECRET_KEY changed since it was registered?")
	}
	return string(plain), nil
}

func gcm(key *Key) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// Sign returns the webhook-signature header of a delivery: HMAC-SHA256 of
// "id.timestamp.body" under the secret's bytes, as "v1,<base64>".
func Sign(secret, id string, timestamp int64, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return "", errors.New("webhook: a secret is not whsec_ and base64")
	}
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.", id, timestamp)
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// body is what a delivery POSTs: the Standard Webhooks envelope, with IDs
// only, which the receiver reads through the API with its own token.
type body struct {
	Type      events.Kind `json:"type"`
	Timestamp time.Time   `json:"timestamp"`
	Data      data        `json:"data"`
}

type data struct {
	Sequence  int64    `json:"sequence"`
	SubjectID pulid.ID `json:"subjectID"`
	EventID   pulid.ID `json:"auditEventID"`
}

// Channel is the outbox channel of webhooks: an event of a kind makes one
// delivery per enabled endpoint that chose the kind.
func (s Service) Channel(client *ent.Client) outbox.Channel {
	httpClient := s.HTTP
	if httpClient == nil {
		httpClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	return outbox.Channel{
		Name: ChannelName,
		FanOut: func(ctx context.Context, client *ent.Client, e *ent.AuditEvent) ([]outbox.Delivery, error) {
			ev, ok := events.Classify(e)
			if !ok {
				return nil, nil
			}
			endpoints, err := client.WebhookEndpoint.Query().Where(webhookendpoint.DisabledAtIsNil()).
				Order(webhookendpoint.ByID()).All(ctx)
			if err != nil || len(endpoints) == 0 {
				return nil, err
			}
			payload, err := json.Marshal(body{Type: ev.Kind, Timestamp: ev.At.UTC(), Data: data{Sequence: ev.Sequence, SubjectID: ev.SubjectID, EventID: e.ID}})
			if err != nil {
				return nil, err
			}
			var out []outbox.Delivery
			for _, ep := range endpoints {
				if slices.Contains(ep.EventTypes, string(ev.Kind)) {
					out = append(out, outbox.Delivery{Target: string(ep.ID), Payload: string(payload)})
				}
			}
			return out, nil
		},
		Deliver: func(ctx context.Context, a outbox.Attempt) (string, error) {
			return s.deliver(ctx, client, httpClient, a)
		},
	}
}

// deliver makes one attempt: a 2xx answer delivers; anything else, a
// redirect included, is tried again later.
func (s Service) deliver(ctx context.Context, client *ent.Client, httpClient *http.Client, a outbox.Attempt) (string, error) {
	sys := access.AsSystem(ctx, "a webhook delivery reads its endpoint")
	ep, err := client.WebhookEndpoint.Get(sys, pulid.ID(a.Target))
	if ent.IsNotFound(err) {
		return "", outbox.Permanent(errors.New("the endpoint no longer exists"))
	}
	if err != nil {
		return "", err
	}
	if ep.DisabledAt != nil {
		return "", outbox.Permanent(errors.New("the endpoint was disabled"))
	}
	if err := s.checkURL(ep.URL); err != nil {
		return "", outbox.Permanent(err)
	}
	key, err := s.key()
	if err != nil {
		return "", err
	}
	secret, err := unseal(key, ep.ID, ep.SealedSecret)
	if err != nil {
		return "", err
	}
	timestamp := clock.Now(ctx).Unix()
	signature, err := Sign(secret, a.ID, timestamp, []byte(a.Payload))
	if err != nil {
		return "", outbox.Permanent(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, strings.NewReader(a.Payload))
	if err != nil {
		return "", outbox.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Palabre-Webhooks")
	req.Header.Set("webhook-id", a.ID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(timestamp, 10))
	req.Header.Set("webhook-signature", signature)
	res, err := httpClient.Do(req)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	outcome := "HTTP " + strconv.Itoa(res.StatusCode)
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return outcome, errors.New("the receiver did not answer 2xx")
	}
	return outcome, nil
}

// Deliveries returns an endpoint's latest deliveries (at most 100), newest
// first, with their attempts; as the caller may read them (administrators).
func Deliveries(ctx context.Context, client *ent.Client, ep *ent.WebhookEndpoint, last int) ([]*ent.Notification, error) {
	if last < 0 || last > 100 {
		return nil, palabre.Errorf(palabre.EINVALID, "last: ask for 0 to 100 deliveries")
	}
	return client.Notification.Query().
		Where(notification.Channel(ChannelName), notification.Target(string(ep.ID))).
		Order(notification.ByCreatedAt(sql.OrderDesc()), notification.ByID(sql.OrderDesc())).Limit(last).
		WithAttemptLog(func(q *ent.NotificationAttemptQuery) { q.Order(notificationattempt.ByAt(), notificationattempt.ByID()) }).
		All(ctx)
}
