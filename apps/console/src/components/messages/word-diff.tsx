import { diffWords } from 'diff';
import { useMemo } from 'react';

const INS: React.CSSProperties = { background: '#d9f7be', color: '#135200', textDecoration: 'underline' };
const DEL: React.CSSProperties = { background: '#ffccc7', color: '#820014', textDecoration: 'line-through' };
const SR_ONLY: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/**
 * A word-level diff of two texts: insertions green and underlined, deletions red and struck through,
 * each also announced to screen readers ("thêm:", "xóa:") since colour alone says nothing to them.
 */
export function WordDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  if (before === after) return <span style={{ whiteSpace: 'pre-wrap' }}>{after}</span>;
  return (
    <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} style={INS}>
            <span style={SR_ONLY}>[thêm: </span>
            {p.value}
            <span style={SR_ONLY}>]</span>
          </ins>
        ) : p.removed ? (
          <del key={i} style={DEL}>
            <span style={SR_ONLY}>[xóa: </span>
            {p.value}
            <span style={SR_ONLY}>]</span>
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </span>
  );
}

export function DiffLegend() {
  return (
    <span style={{ fontSize: 12 }}>
      <ins style={INS}>chữ thêm</ins> · <del style={DEL}>chữ bỏ</del>
    </span>
  );
}
