import pkg from '../package.json' with { type: 'json' };

export const OMGEN_VERSION: string = pkg.version;
