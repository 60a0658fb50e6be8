import type { ContentGroup, Priority } from '#domain/index.js';

export interface DemoMessage {
  contentGroup: ContentGroup;
  title: string;
  body: string;
  sms: string;
  loudspeaker: string;
  priority?: Priority;
  /** What the seed does with it after creating it. */
  fate: 'approved' | 'submitted' | 'draft' | 'returned';
}

/** Sample reform messages in Vietnamese, one or more per content group of 1216/QĐ-BTTTT. */
export const DEMO_MESSAGES: DemoMessage[] = [
  {
    contentGroup: 'importance',
    title: 'Cải cách hành chính vì người dân, doanh nghiệp',
    body: 'Cải cách hành chính giúp giảm thời gian, chi phí khi người dân làm thủ tục, tăng tính công khai, minh bạch và trách nhiệm của cơ quan nhà nước.',
    sms: 'UBND xa: Cai cach hanh chinh giup ba con lam thu tuc nhanh hon, it ton kem hon. Moi y kien gop y xin gui ve bo phan mot cua.',
    loudspeaker: 'Kính thưa bà con, cải cách hành chính giúp bà con làm thủ tục nhanh hơn, ít tốn kém hơn.',
    fate: 'approved',
  },
  {
    contentGroup: 'policy',
    title: 'Nghị quyết về tinh gọn bộ máy và chính quyền địa phương hai cấp',
    body: 'Từ ngày 01/7/2025, chính quyền địa phương được tổ chức theo mô hình hai cấp: tỉnh và xã. Bà con tiếp tục liên hệ UBND xã để giải quyết thủ tục.',
    sms: 'Tu 01/7/2025 chinh quyen dia phuong 2 cap (tinh, xa). Ba con lien he UBND xa de lam thu tuc nhu truoc.',
    loudspeaker: 'Từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm, chính quyền địa phương tổ chức theo mô hình hai cấp.',
    fate: 'approved',
  },
  {
    contentGroup: 'local-responsibility',
    title: 'Trách nhiệm người đứng đầu trong giải quyết thủ tục hành chính',
    body: 'Chủ tịch UBND xã chịu trách nhiệm trước nhân dân về chất lượng phục vụ tại bộ phận một cửa; mọi phản ánh được tiếp nhận và trả lời trong 10 ngày làm việc.',
    sms: 'Moi phan anh ve thu tuc hanh chinh duoc UBND xa tra loi trong 10 ngay lam viec. Duong day nong: 0206 3852 xxx.',
    loudspeaker: 'Mọi phản ánh về thủ tục hành chính sẽ được Ủy ban nhân dân xã trả lời trong mười ngày làm việc.',
    fate: 'submitted',
  },
  {
    contentGroup: 'government-structure',
    title: 'Cơ cấu tổ chức của Chính phủ nhiệm kỳ 2021–2026',
    body: 'Giới thiệu các bộ, cơ quan ngang bộ của Chính phủ nhiệm kỳ 2021–2026 sau khi sắp xếp, tinh gọn.',
    sms: 'Tim hieu co cau to chuc cua Chinh phu nhiem ky 2021-2026 tai trang thong tin dien tu cua xa.',
    loudspeaker: 'Mời bà con tìm hiểu cơ cấu tổ chức của Chính phủ nhiệm kỳ hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi sáu.',
    fate: 'draft',
  },
  {
    contentGroup: 'one-stop-shop',
    title: 'Bộ phận một cửa xã làm việc cả sáng thứ Bảy',
    body: 'Để phục vụ bà con đi làm xa, bộ phận tiếp nhận và trả kết quả (một cửa) của xã làm việc thêm sáng thứ Bảy hằng tuần, từ 7 giờ 30 đến 11 giờ 30.',
    sms: 'Bộ phận một cửa UBND xã làm việc sáng thứ Bảy hằng tuần (7h30-11h30). Bà con mang theo CCCD khi đến làm thủ tục.',
    loudspeaker: 'Bộ phận một cửa của xã làm việc thêm sáng thứ Bảy hằng tuần, từ bảy giờ ba mươi đến mười một giờ ba mươi.',
    fate: 'approved',
  },
  {
    contentGroup: 'par-sipas',
    title: 'Mời bà con tham gia khảo sát mức độ hài lòng (SIPAS)',
    body: 'Ý kiến của bà con giúp đánh giá Chỉ số hài lòng về sự phục vụ hành chính (SIPAS). Phiếu khảo sát phát tại bộ phận một cửa và trên Cổng dịch vụ công.',
    sms: 'Moi ba con danh gia muc do hai long khi lam thu tuc tai xa (SIPAS) - phieu tai bo phan mot cua hoac Cong dich vu cong.',
    loudspeaker: 'Mời bà con tham gia khảo sát mức độ hài lòng về sự phục vụ của cơ quan hành chính.',
    fate: 'approved',
  },
  {
    contentGroup: 'modernisation',
    title: 'Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia',
    body: 'Bà con có thể nộp hồ sơ khai sinh, đăng ký thường trú, cấp bản sao trích lục… trực tuyến trên Cổng Dịch vụ công quốc gia bằng tài khoản VNeID mức 2.',
    sms: 'Ba con co the nop ho so khai sinh, thuong tru truc tuyen tai dichvucong.gov.vn bang tai khoan VNeID muc 2. Can ho tro, lien he bo phan mot cua.',
    loudspeaker: 'Bà con có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia bằng tài khoản định danh điện tử mức hai.',
    fate: 'approved',
  },
  {
    contentGroup: 'local-results',
    title: 'Kết quả cải cách hành chính của xã năm 2025',
    body: '100% hồ sơ được giải quyết đúng hạn; tỷ lệ hồ sơ trực tuyến đạt 62%. Còn hạn chế: một số thôn vùng cao chưa có cán bộ hỗ trợ dịch vụ công.',
    sms: 'Nam 2025 xa giai quyet 100% ho so dung han, 62% ho so nop truc tuyen. Cam on ba con da dong hanh.',
    loudspeaker: 'Năm hai nghìn không trăm hai mươi lăm, xã giải quyết toàn bộ hồ sơ đúng hạn.',
    fate: 'returned',
  },
  {
    contentGroup: 'good-models',
    title: 'Mô hình "Tổ công nghệ số cộng đồng" ở thôn',
    body: 'Tổ công nghệ số cộng đồng giúp bà con cài đặt VNeID, thanh toán không dùng tiền mặt và nộp hồ sơ trực tuyến ngay tại nhà văn hóa thôn.',
    sms: 'To cong nghe so cong dong ho tro ba con cai VNeID, nop ho so truc tuyen tai nha van hoa thon vao toi thu Tu hang tuan.',
    loudspeaker: 'Tổ công nghệ số cộng đồng hỗ trợ bà con tại nhà văn hóa thôn vào tối thứ Tư hằng tuần.',
    fate: 'approved',
  },
  {
    contentGroup: 'citizen-rights',
    title: 'Quyền phản ánh, kiến nghị về quy định hành chính',
    body: 'Người dân có quyền phản ánh, kiến nghị về quy định hành chính và hành vi của cán bộ, công chức; không ai được gây khó khăn khi tiếp nhận phản ánh.',
    sms: 'Ba con co quyen phan anh, kien nghi ve thu tuc hanh chinh. Gui phan anh tai bo phan mot cua hoac Cong dich vu cong.',
    loudspeaker: 'Bà con có quyền phản ánh, kiến nghị về quy định hành chính và hành vi của cán bộ, công chức.',
    fate: 'approved',
  },
  {
    contentGroup: 'importance',
    title: 'Cảnh báo mưa lũ: tạm dừng tiếp dân buổi chiều',
    body: 'Do mưa lớn kéo dài, UBND xã tạm dừng tiếp nhận hồ sơ trực tiếp chiều nay; bà con nộp hồ sơ trực tuyến hoặc quay lại vào sáng mai.',
    sms: 'KHAN: Mua lu, UBND xa tam dung tiep nhan ho so chieu nay. Ba con nop truc tuyen hoac quay lai sang mai. Giu an toan!',
    loudspeaker: 'Thông báo khẩn: do mưa lũ, Ủy ban nhân dân xã tạm dừng tiếp nhận hồ sơ trực tiếp chiều nay.',
    priority: 'emergency',
    fate: 'draft',
  },
];
