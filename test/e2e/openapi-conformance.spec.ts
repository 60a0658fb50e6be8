import { nonConformities, type SchemaDocument } from './openapi-conformance.js';

const document: SchemaDocument = {
  components: {
    schemas: {
      Role: { type: 'string', enum: ['officer', 'admin'] },
      User: {
        type: 'object',
        required: ['id', 'role'],
        properties: {
          id: { type: 'string' },
          role: { allOf: [{ $ref: '#/components/schemas/Role' }] },
          lastSeenAt: { type: 'string', nullable: true },
          tags: { type: 'array', items: { type: 'string' } },
          status: { type: 'object', additionalProperties: true, nullable: true },
        },
      },
    },
  },
};
const user = { $ref: '#/components/schemas/User' };

describe('reading an answer against its schema', () => {
  it('accepts an answer that fits, nulls where nullable and free-form objects', () => {
    expect(nonConformities(document, user, { id: 'a', role: 'admin', lastSeenAt: null, tags: ['x'], status: { any: 1 } })).toEqual([]);
  });

  it('names missing, undeclared, mistyped and out-of-enum fields by path', () => {
    expect(nonConformities(document, { type: 'array', items: user }, [{ role: 'root', tags: [1], extra: true, lastSeenAt: 5 }])).toEqual([
      '$[0].id: required but absent',
      '$[0].role: "root" is not one of ["officer","admin"]',
      '$[0].tags[0]: expected a string, got 1',
      '$[0].extra: not in the schema',
      '$[0].lastSeenAt: expected a string, got 5',
    ]);
    expect(nonConformities(document, user, null)).toEqual(['$: null but not nullable']);
  });
});
