# Long annual series for `npm run bench:cycles` and `npm run bench:econ` (bench/long.ts), and R's automatic
# methods on them in the same run: forecast(ets(y)), thetaf(y) and forecast(auto.arima(y)), each at every
# rolling origin of the protocol (origins n-6, n-9, n-12, n-15, n-18 with at least 30 years of history, 6 years
# ahead). Needs R with forecast, tseries and AER (Debian: r-cran-forecast, r-cran-tseries, r-cran-aer).
#
#   Rscript bench/long-r.R cycles|econ OUTDIR
#
# Writes OUTDIR/KIND-series.csv (id,year,value), OUTDIR/KIND-r.csv (id,origin,method,h,mean) and prints one line
# per method: "time METHOD seconds".
#
# cycles: base R's datasets package: sunspot.year (1700-1988), lynx (1821-1934), LakeHuron (1875-1972),
#   Nile (1871-1970), nhtemp (1912-1971), discoveries (1860-1959); and 30 simulated AR(2) cycles of 100 years,
#   y = 100 + AR(2) with phi1 = 2 r cos(2 pi / P), phi2 = -r^2, innovations sd 5, P in 5, 6, 8, 10, 12 years,
#   r in 0.8, 0.9, three each, set.seed(20261206) (the id names P, r and the replicate).
# econ: tseries' NelPlo (Nelson & Plosser's 14 US annual macro series, 1860-1988, each from its first year),
#   AER's ChinaIncome (1952-1988), USConsump1993 (1950-1993), USGasG (1960-1995) and MotorCycles2 (1946-2012).
suppressPackageStartupMessages({ library(forecast) })
args <- commandArgs(trailingOnly = TRUE)
kind <- args[1]
outdir <- args[2]
H <- 6
MIN_TRAIN <- 30

add <- function(lst, id, x) { x <- na.omit(x); lst[[id]] <- ts(as.numeric(x), start = start(x)[1], frequency = 1); lst }
series <- list()
if (kind == "cycles") {
  for (nm in c("sunspot.year", "lynx", "LakeHuron", "Nile", "nhtemp", "discoveries")) series <- add(series, nm, get(nm, envir = as.environment("package:datasets")))
  set.seed(20261206)
  for (P in c(5, 6, 8, 10, 12)) for (r in c(0.8, 0.9)) for (k in 1:3) {
    phi <- c(2 * r * cos(2 * pi / P), -r^2)
    x <- 100 + arima.sim(list(ar = phi), n = 100, sd = 5)
    series <- add(series, sprintf("ar2_P%d_r%.1f_%d", P, r, k), ts(x, start = 1901))
  }
} else if (kind == "econ") {
  suppressPackageStartupMessages({ library(tseries); library(AER) })
  data(NelPlo, envir = environment())
  for (nm in colnames(NelPlo)) series <- add(series, paste0("NelPlo.", nm), NelPlo[, nm])
  for (ds in c("ChinaIncome", "USConsump1993", "USGasG", "MotorCycles2")) {
    data(list = ds, package = "AER", envir = environment())
    x <- get(ds)
    if (is.null(dim(x))) series <- add(series, ds, x) else for (nm in colnames(x)) series <- add(series, paste0(ds, ".", nm), x[, nm])
  }
} else stop("kind must be cycles or econ")

rows <- do.call(rbind, lapply(names(series), function(id) { x <- series[[id]]; data.frame(id = id, year = as.integer(time(x)), value = as.numeric(x)) }))
write.csv(rows, file.path(outdir, paste0(kind, "-series.csv")), row.names = FALSE, quote = FALSE)

origins <- function(n) { o <- n - H - 3 * (0:4); o[o >= MIN_TRAIN] }
methods <- list(
  ets = function(y) forecast(ets(y), h = H)$mean,
  thetaf = function(y) thetaf(y, h = H)$mean,
  auto.arima = function(y) forecast(auto.arima(y), h = H)$mean
)
out <- list()
for (m in names(methods)) {
  t0 <- proc.time()
  for (id in names(series)) {
    x <- series[[id]]
    for (o in origins(length(x))) {
      y <- ts(as.numeric(x)[1:o], start = start(x)[1], frequency = 1)
      f <- tryCatch(as.numeric(methods[[m]](y)), error = function(e) rep(NA_real_, H))
      out[[length(out) + 1]] <- data.frame(id = id, origin = o, method = m, h = 1:H, mean = sprintf("%.10g", f))
    }
  }
  cat(sprintf("time %s %.3f\n", m, (proc.time() - t0)[["elapsed"]]))
}
write.csv(do.call(rbind, out), file.path(outdir, paste0(kind, "-r.csv")), row.names = FALSE, quote = FALSE)
