# Times R's forecast(ets(y), h = 6) on the 645 M3 yearly series of the CSV given as the first argument, in one
# single-threaded R process, the call and data of RESULTS.md. Prints one line: wall and CPU seconds, sMAPE avg
# 1-6, failures.
# Called by bench/m3.ts (npm run bench:m3); needs R with the forecast package.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
ids <- unique(d$series_id)
series <- lapply(ids, function(id) {
  s <- d[d$series_id == id, ]
  list(x = ts(s$value[s$split == "train"], start = s$year[1], frequency = 1), xx = s$value[s$split == "test"])
})
err <- matrix(NA_real_, length(series), 6)
failures <- 0
t0 <- proc.time()
fc <- lapply(series, function(s) tryCatch(as.numeric(forecast(ets(s$x), h = 6)$mean), error = function(e) NULL))
dt <- proc.time() - t0
seconds <- dt[["elapsed"]]
cpu <- dt[["user.self"]] + dt[["sys.self"]]
for (i in seq_along(series)) {
  if (is.null(fc[[i]])) { failures <- failures + 1; next }
  err[i, ] <- 200 * abs(series[[i]]$xx - fc[[i]]) / (abs(series[[i]]$xx) + abs(fc[[i]]))
}
cat(sprintf("seconds=%.4f cpu=%.4f smape=%.4f failures=%d\n", seconds, cpu, mean(err, na.rm = TRUE), failures))
