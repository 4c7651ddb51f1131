/**
 * A payload in readable Dutch (see payload_reader.ts): consecutive fields as one fact list,
 * nested objects as sections with their own heading, arrays of flat objects as tables that
 * scroll in their own box on a phone, arrays of values as lists.
 */
import {
  Heading,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { FactList, type Fact } from '../../../shared/components/fact_list.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import type { ReadNode } from '../payload_reader.ts';

/** Renders nodes; `level` is the heading level of the groups at this depth (2–6). */
export function PayloadNodes({
  nodes,
  level,
}: {
  readonly nodes: readonly ReadNode[];
  readonly level: number;
}) {
  const out: ReactNode[] = [];
  let facts: Fact[] = [];
  const flush = () => {
    if (facts.length > 0) out.push(<FactList key={`facts-${out.length}`} facts={facts} />);
    facts = [];
  };
  nodes.forEach((node, index) => {
    switch (node.kind) {
      case 'field':
        facts.push([node.label, node.text]);
        return;
      case 'list':
        facts.push([
          node.label,
          <UnorderedList className="kp-compact-list">
            {node.items.map((item, i) => (
              <UnorderedListItem key={i}>{item}</UnorderedListItem>
            ))}
          </UnorderedList>,
        ]);
        return;
      case 'table':
        flush();
        out.push(
          <TableScroll key={index} label={node.label}>
            <Table className="kp-payload-table">
              <TableCaption>{node.label}</TableCaption>
              <TableHeader>
                <TableRow>
                  {node.columns.map((column) => (
                    <TableHeaderCell key={column} scope="col">
                      {column}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {node.rows.map((row, r) => (
                  <TableRow key={r}>
                    {row.map((cell, c) => (
                      <TableCell key={c}>{cell}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>,
        );
        return;
      case 'group':
        flush();
        out.push(
          <div key={index} className="kp-payload-group" role="group" aria-label={node.label}>
            <Heading level={Math.min(level, 6)}>{node.label}</Heading>
            <PayloadNodes nodes={node.children} level={level + 1} />
          </div>,
        );
        return;
    }
  });
  flush();
  return <>{out}</>;
}
