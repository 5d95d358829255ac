// Small line icons for message actions. They carry no text, so a message's text stays exactly what was said;
// every button that shows one has an aria-label and a title.
const paths = {
  edit: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  regenerate: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
} as const;

export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
