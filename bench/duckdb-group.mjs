// A peer for the reading benchmark (bench/reading.ts): DuckDB reads the same long CSV and aggregates by id (mean and
// count of value), on 2 threads, the job `semicap forecast --method naive` must do before it forecasts. Prints the
// number of groups and DuckDB's own time as JSON. Needs the devDependency @duckdb/node-api.
//   node bench/duckdb-group.mjs FILE
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const quoted = `'${file.replace(/'/g, "''")}'`;
const reader = await connection.runAndReadAll(
  `select id, avg(value) as mean, count(*) as n from read_csv(${quoted}, header = true, columns = {'id': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'}) group by id`,
);
console.log(JSON.stringify({ groups: reader.getRows().length, seconds: (performance.now() - t0) / 1000 }));
