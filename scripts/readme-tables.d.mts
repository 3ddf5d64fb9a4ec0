export function inputsTable(): string;
export function outputsTable(): string;
