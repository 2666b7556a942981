/**
 * The plan as people and CI read it: one line per changed user with its fate,
 * each finding with the ids of its evidence, the evidence cited (level, where,
 * date, what it shows, link), then a summary; or all of it as JSON, each finding
 * carrying its evidence whole.
 */
import { Fate, Plan } from './plan';
import { EVIDENCE, evidenceOf, EvidenceId } from '../private/user/evidence';

const INDENT = ' '.repeat(15);

/** The plan as lines: one per changed user and its findings, the evidence cited, then a summary. */
export function formatPlan(p: Plan): string[] {
  const lines: string[] = [];
  const cited = new Set<EvidenceId>();
  for (const u of p.users) {
    lines.push(`${u.fate.padEnd(14)} ${u.username}  ${u.where}`);
    for (const f of u.findings) {
      f.evidence.forEach(id => cited.add(id));
      lines.push(`${INDENT}- ${f.verdict === 'note' ? 'note: ' : ''}${f.text}${f.evidence.length > 0 ? ` [${f.evidence.join(', ')}]` : ''}`);
    }
  }
  if (cited.size > 0) {
    lines.push('evidence:');
    // In the evidence table's order, so that the same plan always prints the same.
    for (const id of (Object.keys(EVIDENCE) as EvidenceId[]).filter(i => cited.has(i))) {
      const e = EVIDENCE[id];
      lines.push(`  ${id}: ${e.level}, ${e.where}${e.date && !e.where.includes(e.date) ? `, dated ${e.date}` : ''}: ${e.says}`);
      if (e.url) lines.push(`    ${e.url}`);
    }
  }
  const count = (f: Fate) => p.users.filter(u => u.fate === f).length;
  lines.push(`${p.users.length + p.unchanged} users: ${count(Fate.FAILS)} fail, ${count(Fate.MOVED)} moved, ${count(Fate.IMPORT_FIRST)} to import first, `
    + `${count(Fate.MAY_FAIL)} may fail, ${count(Fate.MAY_BE_SKIPPED)} may be skipped, ${count(Fate.UPDATES)} update in place, `
    + `${count(Fate.CREATED)} created, ${count(Fate.REMOVED)} removed, ${p.unchanged} unchanged`);
  return lines;
}

/** The plan as JSON for CI: each finding with its evidence whole. */
export function planJson(p: Plan): Record<string, unknown> {
  const summary: Record<string, number> = { unchanged: p.unchanged };
  for (const f of Object.values(Fate)) summary[f] = p.users.filter(u => u.fate === f).length;
  return {
    fails: p.fails,
    summary,
    users: p.users.map(u => ({ ...u, findings: u.findings.map(f => ({ ...f, evidence: f.evidence.map(evidenceOf) })) })),
  };
}
