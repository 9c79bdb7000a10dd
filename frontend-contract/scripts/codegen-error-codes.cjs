// A GraphQL Code Generator plugin (codegen.ts): writes generated/error-codes.ts
// from the schema's ErrorCode enum, the codes of errors[].extensions.code,
// as a union type and a table of what each code means; with config
// { enum: 'ErrorReason', table: 'errorReasons' }, generated/error-reasons.ts
// from ErrorReason, the reasons of errors[].extensions.reason.
const { isEnumType } = require('graphql');

module.exports = {
  plugin(schema, _documents, config) {
    const name = config.enum ?? 'ErrorCode';
    const table = config.table ?? 'errorCodes';
    const type = schema.getType(name);
    if (!isEnumType(type)) throw new Error(`schema.graphql has no enum ${name}`);
    const comment = (text, indent) => `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, `\n${indent} * `)} */\n`;
    const values = type.getValues();
    let out = '/* eslint-disable */\n';
    out += comment(type.description ?? 'The code of an error.', '');
    out += `export type ${name} =\n`;
    out += values.map((v) => `${comment(v.description ?? '', '  ')}  | '${v.name}'`).join('\n') + ';\n\n';
    out += `/** What each value of ${name} means. */\n`;
    out += `export const ${table}: { readonly [value in ${name}]: string } = {\n`;
    out += values.map((v) => `  ${v.name}: ${JSON.stringify(v.description ?? '')},`).join('\n') + '\n};\n';
    return out;
  },
};
