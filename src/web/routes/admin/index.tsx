// Administrator pages, one file per page, mounted under /admin behind requireRole('administrateur'):
// démarches (creation, description, builder, publishing, groups and routing, templates) and experts.
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { requireRole } from '../../middleware.ts';
import { adminGroupesRoutes } from './groupes.tsx';
import { adminProceduresRoutes } from './procedures.tsx';
import { adminExpertsRoutes } from './experts.tsx';
import { adminProcedureNewRoutes } from './procedure-new.tsx';
import { adminProcedureDashboardRoutes } from './procedure-dashboard.tsx';
import { adminProcedureDescriptionRoutes } from './procedure-description.tsx';
import { adminProcedureBuilderRoutes } from './procedure-builder.tsx';
import { adminProcedureTemplatesRoutes } from './procedure-templates.tsx';
import { adminLabelsRoutes } from './labels.tsx';

export const adminRoutes = new Hono<Env>();
adminRoutes.use('*', requireRole('administrateur'));

adminRoutes.route('/', adminProceduresRoutes);
adminRoutes.route('/', adminGroupesRoutes);
adminRoutes.route('/', adminExpertsRoutes);
adminRoutes.route('/', adminProcedureNewRoutes);
adminRoutes.route('/', adminProcedureDashboardRoutes);
adminRoutes.route('/', adminProcedureDescriptionRoutes);
adminRoutes.route('/', adminProcedureBuilderRoutes);
adminRoutes.route('/', adminProcedureTemplatesRoutes);
adminRoutes.route('/', adminLabelsRoutes);
