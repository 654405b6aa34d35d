// The statistical forecasting commands: `forecast` and `backtest` over long CSVs of yearly series.
import { Option, type Command } from 'commander';
import { examples, withOutput, type Act } from './program.js';

/** --intervals: calibrated on measured errors (auto's default) or the model's own. */
export const intervalsOption = () =>
  new Option('--intervals <kind>', "prediction intervals: calibrated (on measured errors of the same method, where a table is shipped: auto) or model (the method's own)")
    .choices(['calibrated', 'model'])
    .default('calibrated');

export function defineForecastCommands(program: Command, act: Act): void {
  const seriesOptions = (cmd: Command, defaultMethods: string) =>
    cmd
      .argument('<file>', 'long CSV: one row per series and year (.csv.gz read as well; - reads standard input)')
      .option('--id <column>', 'column naming the series (absent: the file is one series)')
      .option('--time <column>', 'column of years', 'year')
      .option('--value <column>', 'column of values', 'value')
      .option('--delimiter <char>', 'field delimiter (e.g. ";" for European spreadsheet exports, "\\t" for tabs)', ',')
      .option('--decimal <char>', 'decimal separator: . or , (with --delimiter ";")', '.')
      .option('--encoding <name>', 'text encoding of FILE: utf-8, or gb18030 (GBK: what Excel on Chinese Windows saves)', 'utf-8')
      .addOption(new Option('--fill <how>', 'missing years inside a series: none (skip the series) or linear (interpolate)').choices(['none', 'linear']).default('none'))
      .option('--shard <k/n>', 'only the series whose id hashes to shard K of N (K from 0 to N-1; FNV-1a of the id, see the README), to split a run across processes or machines')
      .option('--method <names>', 'methods, comma-separated: naive, drift, ses, holt, damped, ets, theta, arima, linear, loglinear, logistic, auto, or mean(a,b)/median(a,b)', defaultMethods);

  examples(
    withOutput(
      seriesOptions(program.command('forecast').description('forecast every series of a long CSV with statistical methods and prediction intervals'), 'auto')
        .option('--horizon <n>', 'years to forecast', '6')
        .option('--level <levels>', 'prediction interval levels in percent', '80,95')
        .option('--seed <n>', 'seed for simulated intervals (same seed, same numbers)', '42')
        .option('--cap <value>', 'upper bound (e.g. 100 for shares in percent): the logistic saturation level; forecasts and intervals are held below it')
        .option('--floor <value>', 'lower bound (e.g. 0); 0 is a real bound')
        .option('--jobs <n>', 'worker threads fitting series: a number, or auto (all cores when there are 1000 series or more)', 'auto')
        .option('--explain', 'instead of the forecasts, say per series what each method fitted: for auto, the candidate it chose and the evidence')
        .addOption(intervalsOption()),
    ),
    [
      'semicap forecast examples/history.csv --time year --value share',
      'semicap forecast examples/many.csv --id series --horizon 6 --method auto,theta --format csv --out forecasts.csv',
      'semicap forecast examples/export.csv --delimiter ";" --decimal , --id region',
      'semicap forecast docs/sunspots.example.csv --value sunspots --explain',
      'semicap forecast examples/many.csv.gz --id series --method theta --shard 0/4 --format csv',
    ],
  ).action(act(async () => (await import('./commands/forecast.js')).forecast));

  examples(
    withOutput(
      seriesOptions(program.command('backtest').description('rolling-origin evaluation: MAE, RMSE, MAPE, sMAPE and MASE per method and horizon, best first'), 'naive,drift,ses,holt,damped,theta,ets,arima,auto')
        .option('--holdout <h>', 'forecast horizon evaluated at each origin', '3')
        .option('--origins <k>', 'number of forecast origins (each one year earlier)', '5')
        .option('--level <levels>', 'prediction interval levels scored (coverage and MSIS), in percent', '80,95')
        .addOption(intervalsOption())
        .option('--jobs <n>', 'worker threads: a number, or auto (all cores when there is enough work)', 'auto'),
    ),
    [
      'semicap backtest examples/history.csv --value share --method naive,drift,theta,auto',
      'semicap backtest examples/many.csv --id series --holdout 6 --origins 3 --format csv',
      'semicap backtest datasets/fx.csv --id currency --value per_usd --fill linear --method naive,auto --intervals model --level 80,95',
    ],
  ).action(act(async () => (await import('./commands/backtest.js')).backtest));
}
