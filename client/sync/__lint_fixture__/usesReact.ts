// A deliberately wrong import: React in client/sync/ (tests/lint/zones.test.ts).
import { useState } from 'react';

export const wrong = useState;
