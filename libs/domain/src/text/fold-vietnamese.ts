/**
 * Folds Vietnamese text for search: lower case, no tone marks or diacritics, đ → d, single spaces.
 * "Thành phố Hồ Chí Minh" → "thanh pho ho chi minh"; "Cao Bang" and "Cao Bằng" fold alike.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
