// hours_eval.js: the reference evaluator's side of the opening_hours oracle.
// Reads a JSON array of values, prints one JSON object a line with the
// state at the same instants as .ci/verify/hoursdump (o, c, u), or the
// error it raises. Runs with TZ=UTC so that local wall-clock time is UTC.
//   node hours_eval.js values.json 2026-W29,2026-W30 BE,FR 15 0
'use strict';
const fs = require('fs');
const OpeningHours = require('opening_hours');

const [values, weeks, countries, step, offset] = process.argv.slice(2);
const vs = JSON.parse(fs.readFileSync(values, 'utf8'));
// A spot near the border on each side; the country code selects the
// public holidays.
const places = {
  BE: {lat: 50.85, lon: 2.88, address: {country_code: 'be', state: 'Vlaanderen'}},
  FR: {lat: 50.72, lon: 2.53, address: {country_code: 'fr', state: 'Hauts-de-France'}},
};

function mondayOf(isoWeek) {
  const [y, w] = isoWeek.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const back = (jan4.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(y, 0, 4 - back + 7 * (w - 1)));
}

for (const week of weeks.split(',')) {
  const monday = mondayOf(week);
  for (const country of countries.split(',')) {
    for (const value of vs) {
      const rec = {value, country, week, status: 'ok'};
      try {
        const oh = new OpeningHours(value, places[country], {mode: 0, warnings_severity: 0});
        let s = '';
        for (let m = Number(offset); m < 7 * 1440; m += Number(step)) {
          const t = new Date(monday.getTime() + m * 60000);
          s += oh.getUnknown(t) ? 'u' : (oh.getState(t) ? 'o' : 'c');
        }
        rec.states = s;
      } catch (e) {
        rec.status = 'error';
        rec.reason = String(e).split('\n')[0];
      }
      process.stdout.write(JSON.stringify(rec) + '\n');
    }
  }
}
