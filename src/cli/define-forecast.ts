// The statistical forecasting commands: `forecast` and `backtest` over long CSVs of yearly series.
import type { Command } from 'commander';
import { backtestOptions, forecastOptions } from './command-options.js';
import { withOptions } from './options.js';
import { examples, withOutput, type Act } from './program.js';

export function defineForecastCommands(program: Command, act: Act): void {
  const seriesArgument = (cmd: Command) => cmd.argument('<file>', 'long CSV: one row per series and year (.csv.gz read as well; - reads standard input)');

  const forecast = forecastOptions();
  examples(
    withOutput(
      withOptions(seriesArgument(program.command('forecast').description('forecast every series of a long CSV with statistical methods and prediction intervals')), forecast),
    ),
    [
      'semicap forecast examples/history.csv --time year --value share',
      'semicap forecast examples/many.csv --id series --horizon 6 --method auto,theta --format csv --out forecasts.csv',
      'semicap forecast examples/export.csv --delimiter ";" --decimal , --id region',
      'semicap forecast examples/export.csv --delimiter ";" --decimal , --id region --format csv --excel --out forecast-de.csv',
      'semicap forecast docs/sunspots.example.csv --value sunspots --explain',
      'semicap forecast examples/many.csv.gz --id series --method theta --shard 0/4 --format csv',
    ],
  ).action(act(async () => (await import('./commands/forecast.js')).forecast, forecast));

  const backtest = backtestOptions();
  examples(
    withOutput(withOptions(seriesArgument(program.command('backtest').description('rolling-origin evaluation: MAE, RMSE, MAPE, sMAPE and MASE per method and horizon, best first')), backtest)),
    [
      'semicap backtest examples/history.csv --value share --method naive,drift,theta,auto',
      'semicap backtest examples/many.csv --id series --horizon 6 --origins 3 --format csv',
      'semicap backtest datasets/fx.csv --id currency --value per_usd --fill linear --method naive,auto --intervals model --level 80,95',
    ],
  ).action(act(async () => (await import('./commands/backtest.js')).backtest, backtest));
}
