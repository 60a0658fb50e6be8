import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** Also what a record outside the caller's units shows: the API answers 404 as if it did not exist. */
export default function NotFoundPage({ what = 'Trang' }: { what?: string }) {
  return (
    <Result
      status="404"
      title="Không tìm thấy"
      subTitle={`${what} này không tồn tại hoặc bạn không có quyền xem.`}
      extra={
        <Link to="/">
          <Button type="primary">Về trang tổng quan</Button>
        </Link>
      }
    />
  );
}
