/** The content model of Quyết định 1216/QĐ-BTTTT: stable codes with Vietnamese labels. */
export const CONTENT_GROUPS = [
  { code: 'importance', label: 'Tầm quan trọng, ý nghĩa, mục tiêu và tác động của cải cách hành chính' },
  { code: 'policy', label: 'Quan điểm, chủ trương của Đảng, chính sách, pháp luật của Nhà nước về CCHC và kết quả thực hiện' },
  { code: 'local-responsibility', label: 'Vai trò, trách nhiệm của các cấp chính quyền địa phương' },
  { code: 'government-structure', label: 'Cơ cấu Chính phủ nhiệm kỳ 2021–2026' },
  { code: 'one-stop-shop', label: 'Cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính' },
  { code: 'par-sipas', label: 'Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số hài lòng (SIPAS)' },
  { code: 'modernisation', label: 'Hiện đại hóa hành chính (chính quyền điện tử, chính quyền số, dịch vụ công trực tuyến)' },
  { code: 'local-results', label: 'Kết quả, tồn tại, hạn chế, nguyên nhân trong CCHC của các địa phương' },
  { code: 'good-models', label: 'Mô hình thí điểm, điển hình tốt, sáng kiến CCHC' },
  { code: 'citizen-rights', label: 'Quan hệ Nhà nước – Nhân dân; quyền, nghĩa vụ của cá nhân, tổ chức khi tham gia, giám sát CCHC' },
] as const;
export type ContentGroup = (typeof CONTENT_GROUPS)[number]['code'];
export const CONTENT_GROUP_CODES = CONTENT_GROUPS.map((g) => g.code) as ContentGroup[];

export const REFORM_AREAS = [
  { code: 'institutions', label: 'Cải cách thể chế' },
  { code: 'administrative-procedures', label: 'Cải cách thủ tục hành chính' },
  { code: 'organisation', label: 'Cải cách tổ chức bộ máy' },
  { code: 'civil-service', label: 'Cải cách chế độ công vụ' },
  { code: 'public-finance', label: 'Cải cách tài chính công' },
  { code: 'digital-government', label: 'Xây dựng chính quyền điện tử, chính quyền số' },
] as const;
export type ReformArea = (typeof REFORM_AREAS)[number]['code'];
export const REFORM_AREA_CODES = REFORM_AREAS.map((a) => a.code) as ReformArea[];

export const INDICES = ['PAR_INDEX', 'SIPAS', 'PAPI', 'PCI', 'DDCI', 'DTI'] as const;
export type ReformIndex = (typeof INDICES)[number];

export const INDEX_LABELS: Record<ReformIndex, string> = {
  PAR_INDEX: 'Chỉ số cải cách hành chính (PAR INDEX)',
  SIPAS: 'Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS)',
  PAPI: 'Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)',
  PCI: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)',
  DDCI: 'Chỉ số năng lực cạnh tranh cấp sở, ngành và địa phương (DDCI)',
  DTI: 'Chỉ số chuyển đổi số (DTI)',
};

export const AUDIENCES = [
  { code: 'citizens', label: 'Người dân' },
  { code: 'businesses', label: 'Doanh nghiệp' },
  { code: 'officials', label: 'Cán bộ, công chức, viên chức' },
  { code: 'organisations', label: 'Tổ chức' },
  { code: 'ethnic-minorities', label: 'Đồng bào dân tộc thiểu số' },
  { code: 'youth', label: 'Thanh niên' },
  { code: 'elderly', label: 'Người cao tuổi' },
  { code: 'women', label: 'Phụ nữ' },
] as const;
export type Audience = (typeof AUDIENCES)[number]['code'];
export const AUDIENCE_CODES = AUDIENCES.map((a) => a.code) as Audience[];

/** Thông tư 39/2020/TT-BTTTT priorities. */
export const PRIORITIES = ['normal', 'priority', 'emergency'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABELS: Record<Priority, string> = {
  normal: 'Thông thường',
  priority: 'Ưu tiên',
  emergency: 'Khẩn cấp',
};

/** Channels a message has a rendition for. */
export const RENDITION_CHANNELS = ['sms', 'loudspeaker', 'social', 'board'] as const;
export type RenditionChannel = (typeof RENDITION_CHANNELS)[number];

export const RENDITION_CHANNEL_LABELS: Record<RenditionChannel, string> = {
  sms: 'Tin nhắn SMS',
  loudspeaker: 'Kịch bản phát thanh (loa)',
  social: 'Bài đăng mạng xã hội (Zalo OA, Facebook)',
  board: 'Trang trình chiếu bảng tin điện tử',
};

export const LIMITS = {
  titleMax: 200,
  bodyMax: 20_000,
  smsMax: 1_000,
  loudspeakerScriptMax: 10_000,
  socialMax: 5_000,
  boardTitleMax: 120,
  boardBodyMax: 1_000,
  attachmentsMax: 10,
  commentMax: 2_000,
} as const;
