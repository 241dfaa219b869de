package site

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrFormURL is returned for a "report a change" address that is not an
// http(s) URL with a host nor a mailto: address.
var ErrFormURL = errors.New("site: form URL must be an http:// or https:// address or a mailto: address")

// CheckFormURL checks a "report a change" address as Build will (see
// Config.FormURL), so that a command can refuse it before reading runs.
func CheckFormURL(s string) error {
	_, err := parseFormURL(s)
	return err
}

// formLink builds "report a change" links from the configured form
// address: an http(s) form gets the village and service as query
// parameters (village, village_id, service, service_id, category, lang),
// a mailto: address gets them in the subject and body. The zero value
// makes no link.
type formLink struct {
	u    *url.URL
	mail bool
}

// parseFormURL checks the configured address: only http, https (with a
// host) and mailto (with an address) are accepted, so that a javascript:
// or data: address can never become a link on the site.
func parseFormURL(s string) (formLink, error) {
	if s == "" {
		return formLink{}, nil
	}
	if strings.ContainsAny(s, "\x00\r\n\t") {
		return formLink{}, fmt.Errorf("%w: %q holds control characters", ErrFormURL, s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return formLink{}, fmt.Errorf("%w: %q: %v", ErrFormURL, s, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return formLink{}, fmt.Errorf("%w: %q has no host, or has user information", ErrFormURL, s)
		}
		return formLink{u: u}, nil
	case "mailto":
		if u.Opaque == "" || !strings.Contains(u.Opaque, "@") {
			return formLink{}, fmt.Errorf("%w: %q has no address", ErrFormURL, s)
		}
		return formLink{u: u, mail: true}, nil
	}
	return formLink{}, fmt.Errorf("%w: %q", ErrFormURL, s)
}

// href is the link for a village (and a service of a category, when
// given); "" when no form is configured.
func (f formLink) href(lang, village, villageID, service, serviceID, category string) string {
	if f.u == nil {
		return ""
	}
	u := *f.u
	q := u.Query()
	if f.mail {
		subject := "partons: " + village
		if service != "" {
			subject += " – " + service
		}
		body := "village: " + village + " (" + villageID + ")\n"
		if serviceID != "" || category != "" {
			body += "service: " + service + " (" + serviceID + "), " + category + "\n"
		}
		body += "\n"
		// mailto takes %20 for spaces (RFC 6068), not the + of forms.
		u.RawQuery = strings.ReplaceAll("subject="+url.QueryEscape(subject)+"&body="+url.QueryEscape(body), "+", "%20")
		return u.String()
	}
	q.Set("village", village)
	q.Set("village_id", villageID)
	if service != "" || serviceID != "" {
		q.Set("service", service)
		q.Set("service_id", serviceID)
	}
	if category != "" {
		q.Set("category", category)
	}
	q.Set("lang", lang)
	u.RawQuery = q.Encode()
	return u.String()
}

// httpURL reports whether s is an absolute http(s) URL with a host: the
// only evidence links shown.
func httpURL(s string) bool {
	if s == "" || strings.ContainsAny(s, "\x00\r\n\t ") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}
