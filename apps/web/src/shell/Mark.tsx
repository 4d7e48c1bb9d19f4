/** A neutral mark (a folded letter) and the office's name: no official emblem is shipped. */
export function Mark({ office }: { office?: string }) {
  return (
    <span className="naskah-mark">
      <svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="6" fill="#8b1a1a" />
        <path d="M9 8h10l4 4v12H9z" fill="#fff" />
        <path d="M12 15h8M12 18h8M12 21h5" stroke="#8b1a1a" strokeWidth="1.6" />
      </svg>
      <span>
        <span className="name">Naskah</span>
        <span className="office">{office ?? 'Korespondensi Dinas KPU'}</span>
      </span>
    </span>
  );
}
