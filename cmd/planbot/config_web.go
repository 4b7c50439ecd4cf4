package main

import (
	"fmt"
	"net/url"
	"strings"
)

// publicURLHelp says what PUBLIC_URL must look like.
const publicURLHelp = "must be the address readers open the web pages at, such as https://planbot.example.org " +
	"(http or https, a host, no query or #fragment)"

// parsePublicURL checks PUBLIC_URL: the absolute http(s) address of the web pages, which every
// citation's context link starts with. It returns it without a trailing slash; "" stays "".
func parsePublicURL(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(v, " \t\n\"<>()") {
		return "", fmt.Errorf("PUBLIC_URL %s %s", quoteValue(v), publicURLHelp)
	}
	return strings.TrimRight(u.String(), "/"), nil
}
