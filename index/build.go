package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/planbot/planbot/corpus"
)

// Index field names.
const (
	fieldText    = "text"
	fieldHeading = "heading"
	fieldTitle   = "title"
	fieldDoc     = "doc"
	fieldTopic   = "topic"

	fieldOutlet    = "outlet"
	fieldPublished = "published"
	fieldURL       = "url"
)

// batchSize bounds the memory one indexing batch holds.
const batchSize = 500

// passageDoc is what bleve indexes for one passage.
type passageDoc struct {
	Text      string `json:"text"`
	Heading   string `json:"heading"`
	Title     string `json:"title"`
	Doc       string `json:"doc"`
	Topic     string `json:"topic"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	URL       string `json:"url"`
}

func newMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25" // honoured by scorch only
	m.DefaultAnalyzer = AnalyzerName
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = AnalyzerName
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	keyword := bleve.NewKeywordFieldMapping()
	keyword.IncludeInAll = false
	keyword.Store = true
	// citation metadata: stored with every passage so an index on disk says what it cites, not searched
	stored := bleve.NewKeywordFieldMapping()
	stored.IncludeInAll = false
	stored.Index = false
	stored.Store = true
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, text(false))
	dm.AddFieldMappingsAt(fieldHeading, text(true))
	dm.AddFieldMappingsAt(fieldTitle, text(true))
	for _, f := range []string{fieldOutlet, fieldPublished, fieldURL} {
		dm.AddFieldMappingsAt(f, stored)
	}
	dm.AddFieldMappingsAt(fieldDoc, keyword)
	dm.AddFieldMappingsAt(fieldTopic, keyword)
	m.DefaultMapping = dm
	return m
}

// newBleve creates an empty scorch index: in memory when dir is "". bleve.NewMemOnly would silently
// use the old upsidedown format, which ignores BM25.
func newBleve(dir string) (bleve.Index, error) {
	return bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
}

// fill indexes every passage of docs in batches.
func fill(ctx context.Context, idx bleve.Index, docs []corpus.Document) error {
	b := idx.NewBatch()
	for _, d := range docs {
		for _, p := range d.Passages {
			if err := ctx.Err(); err != nil {
				return err
			}
			pd := passageDoc{Text: p.Text, Heading: p.Heading, Title: d.Title, Doc: d.ID, Outlet: d.Outlet,
				Published: d.Published, URL: d.URL}
			if p.Provision != nil {
				pd.Topic = string(p.Provision.Topic)
			}
			if err := b.Index(p.ID, pd); err != nil {
				return fmt.Errorf("index passage %s: %w", p.ID, err)
			}
			if b.Size() >= batchSize {
				if err := idx.Batch(b); err != nil {
					return fmt.Errorf("index batch: %w", err)
				}
				b.Reset()
			}
		}
	}
	if b.Size() > 0 {
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
	}
	return nil
}

// Stats describes a built index.
type Stats struct {
	Docs, Passages int
	Took           time.Duration
}

// buildEngine indexes docs into a new bleve index (in memory when dir is "") and wraps it with the
// corpus data the ranker needs.
func buildEngine(ctx context.Context, lg *slog.Logger, docs []corpus.Document, dir string) (*engine, error) {
	if len(docs) == 0 {
		return nil, errors.New("no documents to index")
	}
	start := time.Now()
	idx, err := newBleve(dir)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	if err := fill(ctx, idx, docs); err != nil {
		idx.Close()
		return nil, err
	}
	e, err := newEngine(idx, docs)
	if err != nil {
		idx.Close()
		return nil, err
	}
	lg.Debug("index built", "docs", len(docs), "passages", e.passageCount(), "dir", dir, "took", time.Since(start))
	return e, nil
}

// analyzer returns the index's analyzer for query-time analysis.
func analyzerOf(idx bleve.Index) (analysis.Analyzer, error) {
	a := idx.Mapping().AnalyzerNamed(AnalyzerName)
	if a == nil {
		return nil, errors.New("analyzer " + AnalyzerName + " is not registered")
	}
	return a, nil
}
