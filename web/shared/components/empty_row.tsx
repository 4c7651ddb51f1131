/**
 * The one row of a table that has nothing to show, saying so in words.
 */
import { TableCell, TableRow } from '@utrecht/component-library-react';

export function EmptyRow({ columns, text }: { readonly columns: number; readonly text: string }) {
  return (
    <TableRow>
      <TableCell colSpan={columns}>{text}</TableCell>
    </TableRow>
  );
}
