package ftdmock

import (
	"net/http"
	"net/url"
	"strconv"
)

// defaultLimit is the page size when the query has no limit.
const defaultLimit = 10

type paging struct {
	Prev   []string `json:"prev"`
	Next   []string `json:"next"`
	Limit  int      `json:"limit"`
	Offset int      `json:"offset"`
	Count  int      `json:"count"`
	Pages  int      `json:"pages"`
}

type listBody[T any] struct {
	Items  []T    `json:"items"`
	Paging paging `json:"paging"`
}

// page cuts items by the offset and limit query parameters; prev and next hold
// the absolute URLs of the neighbouring pages (ftd-fdm.md section 0).
func page[T any](r *http.Request, listURL string, items []T) (listBody[T], *fdmError) {
	q := r.URL.Query()
	offset, err := queryInt(q, "offset", 0)
	if err != nil {
		return listBody[T]{}, err
	}
	limit, err := queryInt(q, "limit", defaultLimit)
	if err != nil {
		return listBody[T]{}, err
	}
	if limit < 1 {
		return listBody[T]{}, validation("invalidValue", "limit", "limit must be at least 1")
	}
	count := len(items)
	out := listBody[T]{Items: []T{}, Paging: paging{
		Prev: []string{}, Next: []string{},
		Limit: limit, Offset: offset, Count: count,
		Pages: (count + limit - 1) / limit,
	}}
	if offset < count {
		out.Items = items[offset:min(offset+limit, count)]
	}
	link := func(off int) string {
		q.Set("offset", strconv.Itoa(off))
		q.Set("limit", strconv.Itoa(limit))
		return listURL + "?" + q.Encode()
	}
	if offset > 0 {
		out.Paging.Prev = []string{link(max(offset-limit, 0))}
	}
	if offset+limit < count {
		out.Paging.Next = []string{link(offset + limit)}
	}
	return out, nil
}

func queryInt(q url.Values, name string, def int) (int, *fdmError) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, validation("invalidValue", name, name+" must be a non-negative integer, not "+strconv.Quote(s))
	}
	return n, nil
}
