import { useAttachmentUrl } from './attachment-api';

/**
 * The slide as the board's kiosk page shows it (apps/api/src/boards/board-kiosk.view.ts): cream
 * background, dark red title, the body beside the image and the QR code, the red footer; an
 * emergency message takes the red overlay. Scaled to the width available, 16:9.
 */
export function BoardSlidePreview({
  title,
  body,
  imageId,
  emergency,
  unitName,
}: {
  title: string;
  body: string;
  imageId: string | null;
  emergency: boolean;
  unitName: string;
}) {
  const image = useAttachmentUrl(imageId);
  const bg = emergency ? '#b00000' : '#f4f1e8';
  const fg = emergency ? '#fff' : '#1b1b1b';
  return (
    <figure style={{ margin: 0 }}>
      <div
        style={{ containerType: 'inline-size', width: '100%', maxWidth: 720, aspectRatio: '16 / 9', position: 'relative', overflow: 'hidden', background: bg, color: fg, fontFamily: '"Noto Sans","DejaVu Sans",Arial,sans-serif', border: '1px solid #d9d9d9' }}
      >
        {emergency && <div style={{ background: '#ffd400', color: '#000', fontWeight: 700, fontSize: '2.4cqw', padding: '0.8cqw 4cqw' }}>⚠ THÔNG BÁO KHẨN CẤP</div>}
        <div style={{ display: 'flex', gap: '3cqw', padding: '2.2cqw 4cqw', height: '82%', boxSizing: 'border-box' }}>
          <div style={{ flex: 1, minWidth: 0, overflow: 'hidden' }}>
            <div style={{ fontSize: emergency ? '3.6cqw' : '2.9cqw', lineHeight: 1.2, margin: '0 0 1.6cqw', color: emergency ? '#fff' : '#8a1c1c', fontWeight: 700 }}>
              {title || 'Tiêu đề trên bảng tin'}
            </div>
            <div style={{ fontSize: emergency ? '2.6cqw' : '2.1cqw', lineHeight: 1.45, whiteSpace: 'pre-line' }}>{body || 'Nội dung trên bảng tin'}</div>
          </div>
          <div style={{ width: '30%', textAlign: 'center' }}>
            {image && <img src={image} alt="" style={{ maxWidth: '100%', maxHeight: '45%', display: 'block', margin: '0 auto 1.2cqw', borderRadius: '0.6cqw' }} />}
            <div aria-hidden style={{ background: '#fff', width: '14cqw', height: '14cqw', margin: '0 auto', display: 'grid', placeItems: 'center', color: '#595959', fontSize: '1.4cqw', border: '1px dashed #8c8c8c' }}>
              mã QR
            </div>
            <p style={{ fontSize: '1.45cqw', margin: '0.6cqw 0 0' }}>Quét mã QR để xem chi tiết</p>
          </div>
        </div>
        <div style={{ position: 'absolute', left: 0, right: 0, bottom: 0, height: '9%', background: '#8a1c1c', color: '#fff', fontSize: '1.7cqw', display: 'flex', alignItems: 'center', padding: '0 3cqw' }}>
          Bảng tin điện tử – {unitName}
        </div>
      </div>
      <figcaption style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>
        Xem trước như trên bảng tin (mã QR dẫn tới trang tin bài khi phát).
      </figcaption>
    </figure>
  );
}
