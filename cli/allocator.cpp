// jemalloc's settings for the program, read by jemalloc at its start (its documented
// `malloc_conf` global; the MALLOC_CONF environment variable still overrides them).
//
// dirty_decay_ms: memory a thread has freed goes back to the system after about a second
// rather than ten. The streaming report's threads free what the other made, batch after
// batch; with ten seconds the peak memory of a 1M-row CSV sheet's report varied from 53 to
// 59 MiB from run to run, with one second it is 50 to 51 MiB, in the same time
// (docs/performance.md, "A flat CSV sheet of 1,000,000 cases").
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): jemalloc's name and type
const char* malloc_conf = "dirty_decay_ms:1000";
}
