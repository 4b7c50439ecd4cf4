package main

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/planbot/planbot/index"
)

// metrics is what serve exports on /metrics, in Prometheus' text format, through the Prometheus
// client library (the format and its escaping are not ours to get wrong). It implements the bot's
// telemetry. Its own registry keeps tests and several servers in one process apart.
type metrics struct {
	registry      *prometheus.Registry
	questions     *prometheus.CounterVec
	answerSeconds prometheus.Histogram
	reindexes     prometheus.Counter
	reindexSecs   prometheus.Histogram
	documents     prometheus.Gauge
	passages      prometheus.Gauge
	discordErrors *prometheus.CounterVec
	gateway       prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "planbot_questions_total",
			Help: "Questions answered, by outcome (confident, tentative, refused) and way in (gateway, http, message).",
		}, []string{"outcome", "way"}),
		answerSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "planbot_answer_seconds",
			Help:    "Time the answer engine took for one question, in seconds.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .02, .05, .1, .25, .5, 1, 2.5},
		}),
		reindexes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "planbot_reindexes_total",
			Help: "Reindexes that swapped in a new index.",
		}),
		reindexSecs: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "planbot_reindex_seconds",
			Help:    "Time one reindex took, loading the corpus and building the index, in seconds.",
			Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120},
		}),
		documents: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "planbot_corpus_documents",
			Help: "Documents in the index serving answers.",
		}),
		passages: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "planbot_corpus_passages",
			Help: "Passages in the index serving answers.",
		}),
		discordErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "planbot_discord_api_errors_total",
			Help: `Failed requests to Discord's API, by HTTP status ("0": no response).`,
		}, []string{"status"}),
		gateway: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "planbot_gateway_connected",
			Help: "1 while the gateway websocket is connected, else 0.",
		}),
	}
	m.registry.MustRegister(m.questions, m.answerSeconds, m.reindexes, m.reindexSecs, m.documents,
		m.passages, m.discordErrors, m.gateway,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Answered implements the bot's telemetry.
func (m *metrics) Answered(way, outcome string, took time.Duration) {
	m.questions.WithLabelValues(outcome, way).Inc()
	m.answerSeconds.Observe(took.Seconds())
}

// Reindexed implements the bot's telemetry.
func (m *metrics) Reindexed(took time.Duration, docs, passages int) {
	m.reindexes.Inc()
	m.reindexSecs.Observe(took.Seconds())
	m.corpus(docs, passages)
}

// DiscordError implements the bot's telemetry.
func (m *metrics) DiscordError(status int) {
	m.discordErrors.WithLabelValues(strconv.Itoa(status)).Inc()
}

// GatewayConnected implements the bot's telemetry.
func (m *metrics) GatewayConnected(up bool) {
	v := 0.0
	if up {
		v = 1
	}
	m.gateway.Set(v)
}

func (m *metrics) corpus(docs, passages int) {
	m.documents.Set(float64(docs))
	m.passages.Set(float64(passages))
}

// corpusOf sets the corpus gauges from the engine's documents.
func (m *metrics) corpusOf(docs []index.DocumentInfo) {
	passages := 0
	for _, d := range docs {
		passages += d.Passages
	}
	m.corpus(len(docs), passages)
}

// handler serves /metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// health answers /healthz: 200 while the index serves, 503 before it does and once shutdown has begun,
// so that a load balancer sends no new work to a replica that is stopping.
type health struct{ serving atomic.Bool }

func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if !h.serving.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("not serving\n"))
		return
	}
	w.Write([]byte("ok\n"))
}
