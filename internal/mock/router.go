package mock

import (
	"context"
	"net/http"
	"path"
	"slices"
	"strings"
)

// Middleware wraps a handler, e.g. to check a version or a token before a route runs.
type Middleware func(http.Handler) http.Handler

// Router serves a vendor API and its /_mock/ hooks from http.ServeMux method
// patterns ("GET /api/{version}/things/{id}") while answering the cases the mux
// would answer itself the vendor's way:
//
//   - a path no pattern matches gets the vendor's not-found answer, not the
//     mux's plain-text 404;
//   - a known path asked with another method (HEAD included: a "GET" route
//     does not serve HEAD) gets the vendor's method-not-allowed answer, after
//     the route's middleware, not the mux's 405;
//   - a path that is not clean ("//", "/./", "/../") is not found, where the
//     mux would redirect;
//   - a trailing slash is ignored where the vendor ignores it.
//
// Hook paths (/_mock/...) always ignore a trailing slash; an unknown hook, or a
// known one asked with another method, answers 404 "no such mock hook". Patterns
// must not end in "/" (the mux would redirect to them).
type Router struct {
	*routes
	mw []Middleware
}

type routes struct {
	api, hooks  *http.ServeMux
	allow       map[string][]string // API path pattern -> methods registered
	hookMethods map[string][]string // hook path pattern -> methods registered
	notFound    http.Handler
	notAllowed  func(w http.ResponseWriter, r *http.Request, allow []string)
	trim        []string
	use         []Middleware
}

// NewRouter returns a Router answering unknown API paths with notFound and known
// paths asked with another method with notAllowed, which is given the methods
// the path serves, sorted.
func NewRouter(notFound http.HandlerFunc, notAllowed func(w http.ResponseWriter, r *http.Request, allow []string)) *Router {
	rt := &Router{routes: &routes{
		api:         http.NewServeMux(),
		hooks:       http.NewServeMux(),
		allow:       map[string][]string{},
		hookMethods: map[string][]string{},
		notFound:    notFound,
		notAllowed:  notAllowed,
	}}
	rt.api.Handle("/", notFound)
	rt.hooks.HandleFunc("/", noSuchHook)
	return rt
}

// TrimSlash makes API paths under these prefixes ("/" for all) ignore one
// trailing slash.
func (rt *Router) TrimSlash(prefixes ...string) *Router {
	rt.trim = append(rt.trim, prefixes...)
	return rt
}

// Use runs mw before routing, on every API request (not on hooks).
func (rt *Router) Use(mw ...Middleware) {
	rt.use = append(rt.use, mw...)
}

// With returns a Router that registers on the same mux but wraps the routes it
// registers, and their method-not-allowed answers, in mw (the first outermost).
func (rt *Router) With(mw ...Middleware) *Router {
	return &Router{routes: rt.routes, mw: append(slices.Clone(rt.mw), mw...)}
}

// HandleFunc registers an API route, "METHOD /path/{wildcard}".
func (rt *Router) HandleFunc(pattern string, h http.HandlerFunc) {
	method, p := splitPattern(pattern)
	rt.register(rt.api, rt.allow, method, p, h, func(p string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if allow := rt.allowed(rt.allow, p); len(allow) > 0 {
				rt.notAllowed(w, r, allow)
				return
			}
			rt.notFound.ServeHTTP(w, r)
		}
	})
}

// Hook registers a /_mock/ hook, "METHOD name" for /_mock/name; a name alone
// serves every method.
func (rt *Router) Hook(pattern string, h http.HandlerFunc) {
	method, name, ok := strings.Cut(pattern, " ")
	if !ok {
		method, name = "", pattern
	}
	rt.register(rt.hooks, rt.hookMethods, method, HookPrefix+name, h, func(string) http.HandlerFunc { return noSuchHook })
}

func (rt *Router) register(mux *http.ServeMux, methods map[string][]string, method, p string, h http.HandlerFunc, other func(p string) http.HandlerFunc) {
	if strings.HasSuffix(p, "/") {
		panic("mock: a route pattern must not end in a slash: " + p)
	}
	if w := lastWildcard(p); w != "" {
		// Without an exact pattern for the parent, the mux would redirect it to
		// parent+"/", which {rest...} matches.
		rt.methodless(mux, methods, strings.TrimSuffix(p, "/{"+w+"...}"), other)
	}
	if method == "" {
		if _, seen := methods[p]; seen {
			panic("mock: route registered twice: " + p)
		}
		methods[p] = nil
		mux.Handle(p, rt.wrap(h))
		return
	}
	// An exact method-less pattern answers every other method the vendor's way.
	rt.methodless(mux, methods, p, other)
	methods[p] = append(methods[p], method)
	otherMethod := other(p)
	mux.Handle(method+" "+p, rt.wrap(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method { // a GET pattern also matches HEAD
			otherMethod(w, r)
			return
		}
		h(w, r)
	}))
}

func (rt *Router) methodless(mux *http.ServeMux, methods map[string][]string, p string, other func(string) http.HandlerFunc) {
	if _, seen := methods[p]; seen {
		return
	}
	methods[p] = nil
	mux.Handle(p, rt.wrap(other(p)))
}

func (rt *Router) allowed(methods map[string][]string, p string) []string {
	allow := slices.Clone(methods[p])
	slices.Sort(allow)
	return allow
}

func (rt *Router) wrap(h http.HandlerFunc) http.Handler {
	var out http.Handler = h
	for i := len(rt.mw) - 1; i >= 0; i-- {
		out = rt.mw[i](out)
	}
	return out
}

// ServeHTTP routes hooks and API requests.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, HookPrefix) {
		r = trimSlash(r)
		if !clean(r) {
			noSuchHook(w, r)
			return
		}
		rt.hooks.ServeHTTP(w, r)
		return
	}
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, prefix := range rt.trim {
			if strings.HasPrefix(r.URL.Path, prefix) {
				r = trimSlash(r)
				break
			}
		}
		if !clean(r) {
			rt.notFound.ServeHTTP(w, r)
			return
		}
		rt.api.ServeHTTP(w, r)
	})
	for i := len(rt.use) - 1; i >= 0; i-- {
		h = rt.use[i](h)
	}
	h.ServeHTTP(w, r)
}

func splitPattern(pattern string) (method, p string) {
	method, p, ok := strings.Cut(pattern, " ")
	if !ok || method == "" {
		panic("mock: a route pattern is \"METHOD /path\": " + pattern)
	}
	return method, p
}

func lastWildcard(p string) string {
	i := strings.LastIndex(p, "/{")
	if i < 0 || !strings.HasSuffix(p, "...}") {
		return ""
	}
	return strings.TrimSuffix(p[i+2:], "...}")
}

// clean reports whether the mux would serve the path rather than redirect it.
func clean(r *http.Request) bool {
	p := r.URL.EscapedPath()
	return p == "/" || (strings.HasPrefix(p, "/") && path.Clean(p) == p)
}

type sentPathKey struct{}

// trimSlash returns r with one trailing slash cut from its path; SentPath still
// returns the path as sent.
func trimSlash(r *http.Request) *http.Request {
	p, ok := strings.CutSuffix(r.URL.Path, "/")
	if !ok || p == "" {
		return r
	}
	r = r.WithContext(context.WithValue(r.Context(), sentPathKey{}, r.URL.Path))
	u := *r.URL
	u.Path = p
	u.RawPath = strings.TrimSuffix(u.RawPath, "/")
	r.URL = &u
	return r
}

// SentPath returns the request path as the client sent it, before a Router cut a
// trailing slash.
func SentPath(r *http.Request) string {
	if p, ok := r.Context().Value(sentPathKey{}).(string); ok {
		return p
	}
	return r.URL.Path
}

// HookPrefix is where the test-only hooks live; no vendor uses it.
const HookPrefix = "/_mock/"

// HookName returns the hook a request names: its path after /_mock/, without a
// trailing slash.
func HookName(r *http.Request) string {
	return strings.TrimSuffix(strings.TrimPrefix(SentPath(r), HookPrefix), "/")
}

func noSuchHook(w http.ResponseWriter, r *http.Request) {
	HookError(w, http.StatusNotFound, "no such mock hook: "+r.Method+" "+HookPrefix+HookName(r))
}
