/**
 * class-validator explains a refused field in English ("title must be longer than or equal to 3
 * characters"). Users read Bahasa Indonesia, API clients may match the English text: each reason
 * becomes "Indonesian (English)", keyed by the constraint that failed. Unknown constraints (custom
 * decorators with their own message) keep their message as it is.
 */
type Say = (english: string) => string | null;

const first = (re: RegExp, say: (v: string) => string): Say => (english) => {
  const m = english.match(re);
  return m ? say(m[1]) : null;
};

const INDONESIAN: Record<string, Say> = {
  isNotEmpty: () => 'wajib diisi',
  isDefined: () => 'wajib diisi',
  whitelistValidation: () => 'kolom tidak dikenal',
  isString: () => 'harus berupa teks',
  isInt: () => 'harus bilangan bulat',
  isNumber: () => 'harus berupa angka',
  isBoolean: () => 'harus true atau false',
  isArray: () => 'harus berupa daftar',
  isObject: () => 'harus berupa objek',
  nestedValidation: () => 'harus berupa objek',
  isPositive: () => 'harus lebih dari 0',
  isEmail: () => 'harus alamat surel yang sah',
  isDateString: () => 'harus tanggal ISO 8601 (YYYY-MM-DD)',
  isISO8601: () => 'harus tanggal ISO 8601 (YYYY-MM-DD)',
  matches: () => 'formatnya tidak sesuai',
  isUUID: () => 'harus UUID',
  arrayUnique: () => 'isinya tidak boleh ganda',
  minLength: first(/longer than or equal to (\d+)/, (n) => `minimal ${n} karakter`),
  maxLength: first(/shorter than or equal to (\d+)/, (n) => `maksimal ${n} karakter`),
  // @Length(min, max) says only the bound that failed: "… longer than or equal to 3 characters" or "… shorter than …"
  isLength: (e) => first(/longer than or equal to (\d+)/, (n) => `minimal ${n} karakter`)(e) ?? first(/shorter than or equal to (\d+)/, (n) => `maksimal ${n} karakter`)(e),
  min: first(/less than (-?[\d.]+)/, (n) => `tidak boleh kurang dari ${n}`),
  max: first(/greater than (-?[\d.]+)/, (n) => `tidak boleh lebih dari ${n}`),
  arrayMinSize: first(/at least (\d+) element/, (n) => `minimal ${n} isian`),
  arrayMaxSize: first(/no more than (\d+) element/, (n) => `maksimal ${n} isian`),
  isIn: first(/following values: (.*)$/, (v) => `harus salah satu dari: ${v}`),
  isEnum: first(/following values: (.*)$/, (v) => `harus salah satu dari: ${v}`),
};

/** "minimal 3 karakter (title must be longer than or equal to 3 characters)". */
export function bilingualReason(constraint: string, english: string): string {
  const id = INDONESIAN[constraint]?.(english);
  return id ? `${id} (${english})` : english;
}
