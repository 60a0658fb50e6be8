import type { DataSource } from 'typeorm';
import { foldVietnamese } from '#domain/index.js';

const VIETNAMESE_LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const FOLD_FROM = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.toUpperCase();
const FOLD_TO = [...FOLD_FROM].map((letter) => foldVietnamese(letter)).join('');

/**
 * SQL folding a text expression the way foldVietnamese folds in TypeScript (marks, đ and case), to
 * match it against a folded query without a stored search column. The tables hold no quote.
 */
export function foldedSql(expression: string): string {
  return `lower(translate(${expression}, '${FOLD_FROM}', '${FOLD_TO}'))`;
}

/**
 * The folded text a version is searched by (message_version.search_text, generated from this):
 * title and body, marks, đ and case removed, blanks collapsed, as foldVietnamese folds the query.
 */
export function messageSearchSql(): string {
  return foldedSql(`regexp_replace(title || ' ' || body, '\\s+', ' ', 'g')`);
}

/** Escapes LIKE's wildcards (and its escape character) in text matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** A LIKE pattern: contains `text`, literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** ICU Vietnamese collations, best first; servers built without ICU fall back to the database default. */
const VIETNAMESE_COLLATIONS = ['vi-VN-x-icu', 'vi-x-icu'];
const collations = new WeakMap<DataSource, Promise<string>>();

/** The quoted name of the best Vietnamese collation the server has, looked up once per data source. */
export function vietnameseCollation(db: DataSource): Promise<string> {
  let collation = collations.get(db);
  if (!collation) {
    collation = db
      .query(`SELECT collname FROM pg_collation WHERE collname = ANY($1)`, [VIETNAMESE_COLLATIONS])
      .then((rows: { collname: string }[]) => {
        const found = VIETNAMESE_COLLATIONS.find((name) => rows.some((r) => r.collname === name));
        return found ? `"${found}"` : '"default"';
      });
    collations.set(db, collation);
  }
  return collation;
}
