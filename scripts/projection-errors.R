# An independent check of datasets/projection_errors.csv in R: recomputes a few rows from the M3 yearly file with
# the path formulas written out (not semicap's code) and quantile(type = 7). Run from the project folder:
#   Rscript scripts/projection-errors.R [path/to/m3_yearly.csv]
# and compare with: grep -E '^m3_yearly,(cagr,4,3|linear,1,3|logistic,2,6),' datasets/projection_errors.csv
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args) > 0) args[1] else "../shared/benchmarks/m3-yearly/m3_yearly.csv")
cell <- function(s, h, method) {
  r <- c()
  for (id in unique(d$series_id)) {
    v <- d$value[d$series_id == id]; n <- length(v)
    last <- n - h; first <- last - s
    if (first < 1) next
    a <- v[first]; b <- v[last]; y <- v[n]
    if (method == "cagr") p <- b * (b / a)^(h / s)
    if (method == "linear") { p <- b + (b - a) * h / s; if (p <= 0) next }  # held at 0: left out
    if (method == "logistic") {
      cap <- 2 * max(a, b); lg <- function(x) log(x / (cap - x))
      z <- lg(b) + (lg(b) - lg(a)) * h / s; p <- cap / (1 + exp(-z))
    }
    r <- c(r, log(y / p))
  }
  c(series = length(r), round(quantile(r, c(.025, .1, .5, .9, .975), type = 7), 6))
}
print(rbind(`cagr,4,3` = cell(4, 3, "cagr"), `linear,1,3` = cell(1, 3, "linear"), `logistic,2,6` = cell(2, 6, "logistic")))
