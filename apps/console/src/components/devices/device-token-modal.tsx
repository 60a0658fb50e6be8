import { CopyOutlined, ExportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Typography } from 'antd';
import type { IssuedToken } from './device-types';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The device token (and a board's kiosk link) shown this once: the server keeps only its hash. */
export function DeviceTokenModal({ issued, onClose }: { issued: IssuedToken | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copyField = async (text: string, what: string) => {
    if (await copy(text)) void message.success(`Đã chép ${what}`);
    else void message.warning(`Không chép được tự động; hãy chọn ${what} và chép bằng tay`);
  };
  return (
    <Modal
      open={!!issued}
      title={issued ? `Mã thiết bị của "${issued.deviceName}"` : ''}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          Tôi đã lưu mã
        </Button>
      }
    >
      {issued && (
        <Flex vertical gap={12}>
          <Alert
            type="warning"
            showIcon
            title="Mã này chỉ hiện một lần"
            description="Hãy chép và nhập vào thiết bị ngay. Sau khi đóng cửa sổ này, mã sẽ không hiện lại; nếu mất, hãy cấp mã mới (mã cũ sẽ ngừng hoạt động)."
          />
          <label htmlFor="device-token">
            <Typography.Text strong>Mã thiết bị</Typography.Text>
          </label>
          <Flex gap={8}>
            <Input id="device-token" readOnly value={issued.token} onFocus={(e) => e.currentTarget.select()} style={{ fontFamily: 'monospace' }} />
            <Button icon={<CopyOutlined />} onClick={() => void copyField(issued.token, 'mã thiết bị')}>
              Chép
            </Button>
          </Flex>
          {issued.kioskUrl && (
            <>
              <label htmlFor="kiosk-url">
                <Typography.Text strong>Đường dẫn màn hình bảng tin</Typography.Text>
              </label>
              <Typography.Text type="secondary">Mở đường dẫn này toàn màn hình trên trình duyệt của bảng tin.</Typography.Text>
              <Flex gap={8} wrap>
                <Input id="kiosk-url" readOnly value={issued.kioskUrl} onFocus={(e) => e.currentTarget.select()} style={{ flex: '1 1 220px' }} />
                <Button icon={<CopyOutlined />} onClick={() => void copyField(issued.kioskUrl!, 'đường dẫn')}>
                  Chép
                </Button>
                <Button icon={<ExportOutlined />} href={issued.kioskUrl} target="_blank" rel="noopener">
                  Mở
                </Button>
              </Flex>
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
