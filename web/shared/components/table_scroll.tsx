/**
 * A wrapper that lets a wide table scroll sideways on a narrow screen. Only while it actually
 * overflows does it become a named, focusable region, so keyboard users can scroll it too
 * (WCAG 2.1.1) without an extra tab stop on wide screens.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function TableScroll({
  label,
  children,
}: {
  readonly label: string;
  readonly children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className="kp-table-scroll"
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      {children}
    </div>
  );
}
