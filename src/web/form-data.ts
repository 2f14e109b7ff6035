// The form helpers moved to ./http/form.ts; this name stays for the routes not yet moved to parseForm.
export { files, form, str, strs, type FormData, type FormValue } from './http/form.ts';
