import 'reflect-metadata';
import { applyTestEnv } from './test-env';

applyTestEnv();
