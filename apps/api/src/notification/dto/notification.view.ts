import { ApiProperty } from '@nestjs/swagger';
import type * as N from '@naskah/notification';
import { NOTIFICATION_TYPE } from '../../common/dto/enums.view';

export class NotificationView implements N.NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPE, enumName: 'NotificationType' }) type: N.NotificationView['type'];
  @ApiProperty({
    type: 'object', required: ['title'], selfRequired: true, properties: { title: { type: 'string' } },
    additionalProperties: { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'a title for people and the ids the notification refers to (letterId, deliveryId, dispositionId, …)',
  })
  payload: N.NotificationPayload;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
}

export class NotificationList implements N.NotificationList {
  @ApiProperty({ type: () => NotificationView, isArray: true }) items: NotificationView[];
  @ApiProperty() unreadCount: number;
  @ApiProperty({ type: String, nullable: true, description: 'id for ?before= of the next (older) page; null at the end' }) nextBefore: string | null;
}

export class ReadAllResult {
  @ApiProperty() marked: number;
  @ApiProperty() unreadCount: number;
}
