/** Labels of the report and plan codes (the API's stable codes; Quyết định 1216/QĐ-BTTTT wording). */
export const CONTENT_GROUP: Record<string, string> = {
  importance: 'Tầm quan trọng, mục tiêu của CCHC',
  policy: 'Chủ trương, chính sách về CCHC',
  'local-responsibility': 'Trách nhiệm của chính quyền địa phương',
  'government-structure': 'Cơ cấu Chính phủ 2021–2026',
  'one-stop-shop': 'Một cửa, một cửa liên thông',
  'par-sipas': 'PAR INDEX và SIPAS',
  modernisation: 'Hiện đại hóa hành chính',
  'local-results': 'Kết quả CCHC của địa phương',
  'good-models': 'Mô hình, điển hình tốt',
  'citizen-rights': 'Quan hệ Nhà nước – Nhân dân',
};

export const PLAN_METRIC: Record<string, string> = {
  broadcasts: 'Lượt phát',
  'loudspeaker-minutes': 'Phút phát loa',
  'sms-reach': 'Tỷ lệ người nhận SMS (%)',
  posts: 'Bài đăng Zalo, Facebook',
  activities: 'Hoạt động tuyên truyền',
};

/** The channels a target of each metric may be narrowed to (as the API checks them); none for activities. */
export const METRIC_CHANNELS: Record<string, readonly string[]> = {
  broadcasts: ['sms', 'board', 'loudspeaker', 'zalo', 'facebook'],
  'loudspeaker-minutes': ['loudspeaker'],
  'sms-reach': ['sms'],
  posts: ['zalo', 'facebook'],
  activities: [],
};

export const ACTIVITY_KIND: Record<string, string> = {
  conference: 'Hội nghị',
  dialogue: 'Đối thoại',
  contest: 'Hội thi',
  training: 'Tập huấn',
  leaflet: 'Tờ rơi, tài liệu',
  'mobile-propaganda': 'Tuyên truyền lưu động',
};

/** Status of a unit against a target: text and an icon-like mark, so colour is never the only signal. */
export const PROGRESS_STATUS: Record<string, { label: string; color: string; mark: string }> = {
  ahead: { label: 'Vượt tiến độ', color: '#237804', mark: '▲' },
  'on-track': { label: 'Đúng tiến độ', color: '#0958d9', mark: '●' },
  behind: { label: 'Chậm tiến độ', color: '#a8071a', mark: '▼' },
};

export const options = (map: Record<string, string>) => Object.entries(map).map(([value, label]) => ({ value, label }));
