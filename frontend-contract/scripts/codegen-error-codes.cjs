// A GraphQL Code Generator plugin (codegen.ts): writes generated/error-codes.ts
// from the schema's ErrorCode enum, the codes of errors[].extensions.code,
// as a union type and a table of what each code means.
const { isEnumType } = require('graphql');

module.exports = {
  plugin(schema) {
    const type = schema.getType('ErrorCode');
    if (!isEnumType(type)) throw new Error('schema.graphql has no enum ErrorCode');
    const comment = (text, indent) => `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, `\n${indent} * `)} */\n`;
    const values = type.getValues();
    let out = '/* eslint-disable */\n';
    out += comment(type.description ?? 'The code of an error.', '');
    out += 'export type ErrorCode =\n';
    out += values.map((v) => `${comment(v.description ?? '', '  ')}  | '${v.name}'`).join('\n') + ';\n\n';
    out += '/** What each error code means and what a screen does about it. */\n';
    out += 'export const errorCodes: { readonly [code in ErrorCode]: string } = {\n';
    out += values.map((v) => `  ${v.name}: ${JSON.stringify(v.description ?? '')},`).join('\n') + '\n};\n';
    return out;
  },
};
