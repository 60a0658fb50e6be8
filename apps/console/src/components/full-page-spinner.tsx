import { Spin } from 'antd';

export function FullPageSpinner() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" aria-label="Đang tải" />
    </div>
  );
}
