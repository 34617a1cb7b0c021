export * from './keys';
export * from './sign';
export * from './card-claims';
