import { importFormatOf, XLSX_MIME_TYPE } from './import-format.js';

describe('importFormatOf', () => {
  it.each([
    ['danh-sach.xlsx', XLSX_MIME_TYPE, 'xlsx'],
    ['DANH SACH.XLSX', 'application/octet-stream', 'xlsx'],
    ['danh-sach.csv', 'text/csv', 'csv'],
    ['danh-sach.csv', 'application/vnd.ms-excel', 'csv'],
    ['so.txt', 'text/plain', 'csv'],
    ['khong-duoi', XLSX_MIME_TYPE, 'xlsx'],
    ['khong-duoi', 'text/csv', 'csv'],
  ])('reads %s (%s) as %s', (name, type, format) => {
    expect(importFormatOf(name, type)).toBe(format);
  });

  it.each([
    ['danh-sach.xls', 'application/vnd.ms-excel'],
    ['danh-sach.pdf', 'application/pdf'],
    ['anh.png', 'image/png'],
    ['khong-duoi', 'image/png'],
  ])('refuses %s (%s)', (name, type) => {
    expect(importFormatOf(name, type)).toBeNull();
  });
});
