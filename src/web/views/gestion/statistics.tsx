// « Statistiques de la démarche » (docs/interface.md §6D), for its instructors and, the same figures,
// for the public: charts with their numbers in tables.
import type { FC } from 'hono/jsx';
import { decisionShares, durationDays, PUBLIC_STATISTICS_THRESHOLD, publishable } from '../../../domain/statistics.ts';
import type { ProcedureStatistics } from '../../../queries/statistics.ts';
import { HorizontalBars, StackedBars } from '../components/charts.tsx';
import { Table } from '../components/table.tsx';

const BLUE = '#000091';
const GREEN = '#18753c';
const RED = '#ce0500';
const GREY = '#666666';

const FR_NUMBER = new Intl.NumberFormat('fr-FR');
const FR_PERCENT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const fmt = (n: number) => FR_NUMBER.format(n);
const pct = (n: number) => `${FR_PERCENT.format(n)} %`;
const days = (n: number) => (n <= 1 ? `${n} jour` : `${n} jours`);
const weekLabel = (w: string) => {
  const [, m, d] = w.split('-');
  return `${d}/${m}`;
};

export const StatisticsContent: FC<{ s: ProcedureStatistics; headingLevel?: 2 | 3 }> = ({ s }) => {
  const shares = decisionShares(s.decisions);
  const labels = s.weeks.map((w) => weekLabel(w.week));
  return (
    <div>
      <h2 class="fr-h4">Temps de traitement usuel</h2>
      {s.usualTime ? (
        <>
          <p class="fr-text--lead">
            Dans les 30 derniers jours, la plupart des dossiers ont été traités en moins de{' '}
            <strong>
              {days(durationDays(s.usualTime.clusters[Math.min(1, s.usualTime.clusters.length - 1)]!.p90Seconds))}
            </strong>
            .
          </p>
          <Table caption="Temps de traitement usuel sur les 30 derniers jours" modifiers="fr-table--sm">
            <thead>
              <tr>
                <th scope="col">Dossiers</th>
                <th scope="col">Traités en moins de (90 % d'entre eux)</th>
              </tr>
            </thead>
            <tbody>
              {s.usualTime.clusters.map((c, i) => (
                <tr>
                  <td>
                    {['Le tiers le plus rapide', 'Le tiers médian', 'Le tiers le plus lent'][i]} ({fmt(c.count)})
                  </td>
                  <td>{days(durationDays(c.p90Seconds))}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : (
        <p>Pas assez de dossiers traités dans les 30 derniers jours pour estimer le temps de traitement.</p>
      )}

      <h2 class="fr-h4">Avancée des dossiers</h2>
      <HorizontalBars
        id="stats-funnel"
        title="Avancée des dossiers"
        rows={[
          { label: 'Déposés', value: s.funnel.deposes, colour: BLUE },
          { label: 'Instruction commencée', value: s.funnel.instruction, colour: BLUE },
          { label: 'Traités', value: s.funnel.traites, colour: BLUE },
        ]}
      />
      <Table caption="Avancée des dossiers" modifiers="fr-table--sm">
        <thead>
          <tr>
            <th scope="col">Étape</th>
            <th scope="col">Dossiers</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Déposés</td>
            <td>{fmt(s.funnel.deposes)}</td>
          </tr>
          <tr>
            <td>Instruction commencée</td>
            <td>{fmt(s.funnel.instruction)}</td>
          </tr>
          <tr>
            <td>Traités</td>
            <td>{fmt(s.funnel.traites)}</td>
          </tr>
        </tbody>
      </Table>

      <h2 class="fr-h4">Taux d'acceptation</h2>
      <HorizontalBars
        id="stats-decisions"
        title="Taux d'acceptation"
        rows={[
          { label: 'Acceptés', value: shares.accepte, colour: GREEN, text: pct(shares.accepte) },
          { label: 'Refusés', value: shares.refuse, colour: RED, text: pct(shares.refuse) },
          { label: 'Classés sans suite', value: shares.sans_suite, colour: GREY, text: pct(shares.sans_suite) },
        ]}
      />
      <Table caption="Décisions rendues" modifiers="fr-table--sm">
        <thead>
          <tr>
            <th scope="col">Décision</th>
            <th scope="col">Dossiers</th>
            <th scope="col">Part</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Acceptés</td>
            <td>{fmt(s.decisions.accepte)}</td>
            <td>{pct(shares.accepte)}</td>
          </tr>
          <tr>
            <td>Refusés</td>
            <td>{fmt(s.decisions.refuse)}</td>
            <td>{pct(shares.refuse)}</td>
          </tr>
          <tr>
            <td>Classés sans suite</td>
            <td>{fmt(s.decisions.sans_suite)}</td>
            <td>{pct(shares.sans_suite)}</td>
          </tr>
        </tbody>
      </Table>

      <h2 class="fr-h4">Répartition par semaine</h2>
      <h3 class="fr-h6">Dossiers déposés par semaine</h3>
      <StackedBars
        id="stats-deposits"
        title="Dossiers déposés par semaine, sur six mois"
        labels={labels}
        series={[{ name: 'Déposés', colour: BLUE }]}
        values={[s.weeks.map((w) => w.deposes)]}
      />
      <h3 class="fr-h6">Dossiers traités par semaine</h3>
      <StackedBars
        id="stats-decided"
        title="Dossiers traités par semaine et par décision, sur six mois"
        labels={labels}
        series={[
          { name: 'Acceptés', colour: GREEN },
          { name: 'Refusés', colour: RED },
          { name: 'Classés sans suite', colour: GREY },
        ]}
        values={[s.weeks.map((w) => w.accepte), s.weeks.map((w) => w.refuse), s.weeks.map((w) => w.sans_suite)]}
      />
      <Table caption="Dossiers déposés et traités par semaine" modifiers="fr-table--sm">
        <thead>
          <tr>
            <th scope="col">Semaine du</th>
            <th scope="col">Déposés</th>
            <th scope="col">Acceptés</th>
            <th scope="col">Refusés</th>
            <th scope="col">Classés sans suite</th>
          </tr>
        </thead>
        <tbody>
          {s.weeks.map((w) => (
            <tr>
              <td>{w.week.split('-').reverse().join('/')}</td>
              <td>{fmt(w.deposes)}</td>
              <td>{fmt(w.accepte)}</td>
              <td>{fmt(w.refuse)}</td>
              <td>{fmt(w.sans_suite)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
};

/** The public page: the same figures, or why there are none. */
export const PublicStatisticsPage: FC<{ s: ProcedureStatistics }> = ({ s }) => (
  <div>
    <h1 class="fr-h3">Statistiques de la démarche « {s.procedure.title} »</h1>
    {publishable(s.funnel.deposes) ? (
      <StatisticsContent s={s} />
    ) : (
      <div class="fr-alert fr-alert--info fr-alert--sm">
        <p>
          Cette démarche compte trop peu de dossiers pour publier des statistiques (il en faut au moins{' '}
          {PUBLIC_STATISTICS_THRESHOLD}).
        </p>
      </div>
    )}
  </div>
);
