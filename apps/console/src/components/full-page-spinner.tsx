import { Spin } from 'antd';

export function FullPageSpinner() {
  return (
    <div role="status" aria-label="Đang tải" style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** The wait while a screen's code arrives. */
export function ScreenSpinner() {
  return (
    <div role="status" aria-label="Đang tải" style={{ display: 'grid', placeItems: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}
