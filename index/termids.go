package index

import (
	"slices"
	"sync"
)

// termIDs numbers a generation's analysed terms, so that ranking compares integers where it
// compared strings: a map lookup per sentence word and question word was a sixth of an answer. It
// starts with every term of the bleve index and grows, rarely, when a sentence analysed on its own
// yields a term its whole passage did not. A question's terms are looked up, never added.
type termIDs struct {
	mu  sync.RWMutex
	ids map[string]int32
}

// noTerm is the id of a term no analysed sentence holds.
const noTerm int32 = -1

func newTermIDs(df map[string]int) *termIDs {
	d := &termIDs{ids: make(map[string]int32, len(df))}
	for t := range df {
		d.ids[t] = int32(len(d.ids))
	}
	return d
}

// lookup returns a term's id, noTerm when no sentence analysed so far holds it. Look a question's
// terms up only after analysing (termsOf) the passages they are matched against: a term absent
// before may come with them.
func (d *termIDs) lookup(t string) int32 {
	d.mu.RLock()
	id, ok := d.ids[t]
	d.mu.RUnlock()
	if !ok {
		return noTerm
	}
	return id
}

// number fills st.ids, adding the terms the table lacks.
func (d *termIDs) number(sts ...*sentenceTerms) {
	missing := false
	d.mu.RLock()
	for _, st := range sts {
		st.ids = make([]int32, len(st.terms))
		for i, t := range st.terms {
			id, ok := d.ids[t]
			if !ok {
				id, missing = noTerm, true
			}
			st.ids[i] = id
		}
	}
	d.mu.RUnlock()
	if !missing {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, st := range sts {
		for i, t := range st.terms {
			if st.ids[i] != noTerm {
				continue
			}
			id, ok := d.ids[t]
			if !ok {
				id = int32(len(d.ids))
				d.ids[t] = id
			}
			st.ids[i] = id
		}
	}
}

// sortedSet is the distinct values of ids where keep says so, in increasing order.
func sortedSet(ids []int32, keep func(i int) bool) []int32 {
	var out []int32
	for i, id := range ids {
		if keep == nil || keep(i) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func indexOfID(ids []int32, id int32) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}
