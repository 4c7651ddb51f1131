/**
 * The "Periode" select of the overview and the rejections: a look-back window ending now.
 */
import { PERIODS } from '../format.ts';
import { SelectField } from '../../../shared/components/fields.tsx';

export interface PeriodSelectProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The period values to offer, e.g. `['1h', '24h', '7d']`. */
  readonly offer: readonly string[];
}

export function PeriodSelect({ id, value, onChange, offer }: PeriodSelectProps) {
  const choices = PERIODS.filter((p) => offer.includes(p.value)).map((p) => ({
    value: p.value,
    label: p.label,
  }));
  return (
    <SelectField id={id} label="Periode" value={value} onChange={onChange} choices={choices} />
  );
}
